using FsCheck;
using FsCheck.Xunit;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests.Scoring;

/// <summary>
/// The compiled engine is only trusted because it agrees exactly with the reference interpreter on random
/// documents and leads, at random moments.
/// </summary>
public sealed class EngineAgreementProperties
{
    [Property(MaxTest = 300)]
    public void Compiled_engine_agrees_with_the_interpreter_on_random_documents_and_leads(PositiveInt seed)
    {
        var random = new RandomPlaybooks(seed.Get);
        var document = random.Document();
        var compiled = CompiledPlaybook.Compile(document);

        for (var i = 0; i < 25; i++)
        {
            var lead = random.Lead(document);
            var asOf = RandomPlaybooks.Now.AddDays(i - 10);
            var bound = compiled.Bind(lead);
            bound.Problems.ShouldBeEmpty();

            var expected = ReferenceInterpreter.Score(document, lead, asOf);
            var actual = compiled.Explain(bound.Lead!, asOf);

            AssertSame(expected, actual, $"seed {seed.Get}, lead {i}");
            compiled.Evaluate(bound.Lead!, asOf).FitScore.ShouldBe(expected.FitScore);
        }
    }

    [Property(MaxTest = 100)]
    public void Serialising_a_random_document_keeps_its_meaning(PositiveInt seed)
    {
        var random = new RandomPlaybooks(seed.Get);
        var document = random.Document();
        var lead = random.Lead(document);

        var reparsed = PlaybookJson.Parse(PlaybookJson.Serialize(document)).Document!;

        PlaybookJson.ContentHash(reparsed).ShouldBe(PlaybookJson.ContentHash(document));
        AssertSame(ReferenceInterpreter.Score(document, lead, RandomPlaybooks.Now), ReferenceInterpreter.Score(reparsed, lead, RandomPlaybooks.Now), $"seed {seed.Get}");
    }

    private static void AssertSame(LeadScore expected, LeadScore actual, string context)
    {
        actual.FitScore.ShouldBe(expected.FitScore, context);
        actual.FitGrade.ShouldBe(expected.FitGrade, context);
        actual.EngagementScore.ShouldBe(expected.EngagementScore, context);
        actual.IsMql.ShouldBe(expected.IsMql, context);
        actual.IsSqlReady.ShouldBe(expected.IsSqlReady, context);
        actual.Route.ShouldBe(expected.Route, context);
        actual.SqlChecklist.ShouldBe(expected.SqlChecklist, context);
        actual.Explanation.ShouldBe(expected.Explanation, context);
    }
}
