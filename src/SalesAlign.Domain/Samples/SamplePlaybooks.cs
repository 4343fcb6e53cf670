using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Domain.Samples;

/// <summary>
/// The built-in sample: a B2B SaaS funnel with 40 rules (20 ICP criteria, 14 engagement rules, the MQL rule
/// and 5 SQL checks). Used by the demo, the tests and the benchmarks.
/// </summary>
public static class SamplePlaybooks
{
    private static readonly Lazy<string> Json = new(() =>
    {
        using var stream = typeof(SamplePlaybooks).Assembly.GetManifestResourceStream("SalesAlign.Domain.Samples.b2b-saas-playbook.json")
            ?? throw new InvalidOperationException("The sample playbook resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string B2BSaasJson => Json.Value;

    public static PlaybookDocument B2BSaas() =>
        PlaybookJson.Parse(B2BSaasJson).Document
        ?? throw new InvalidOperationException("The sample playbook does not parse.");
}
