using System.Text.Json;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests;

/// <summary>Builds leads for tests in one place: <c>Leads.With(("companySize", 250)).Event("demo_requested", at)</c>.</summary>
internal static class Leads
{
    public static LeadData With(params (string Key, object? Value)[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => JsonSerializer.SerializeToElement(f.Value)), []);

    public static LeadData Event(this LeadData lead, string type, DateTimeOffset at) =>
        lead with { Events = [.. lead.Events, new EngagementEvent(type, at)] };

    public static LeadData Events(this LeadData lead, string type, params DateTimeOffset[] at) =>
        lead with { Events = [.. lead.Events, .. at.Select(t => new EngagementEvent(type, t))] };

    /// <summary>A senior marketing leader at a mid-size software company: grade A in the sample playbook.</summary>
    public static LeadData IdealCustomer() => With(
        ("title", "VP Marketing"),
        ("seniority", "VP"),
        ("department", "Marketing"),
        ("companySize", 800),
        ("industry", "Software"),
        ("country", "US"),
        ("annualBudget", 120000),
        ("techStack", new[] { "Salesforce", "Marketo" }),
        ("emailDomain", "corporate"));
}
