using System.Text.Json;
using SalesAlign.Domain.Leads;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Domain.Tests.LeadRecords;

public sealed class LeadOutcomeRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);

    private static Lead NewLead() => new() { ExternalId = "L", FieldsJson = "{}", EventsJson = "[]", CreatedAt = T0 };

    [Fact]
    public void A_full_funnel_in_order_fills_every_column_and_the_projection()
    {
        var lead = NewLead();

        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.MqlReached, T0.AddDays(1), null, null, 3, Guid.Empty);
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.FirstContact, T0.AddDays(1.5), null, null, 3, Guid.Empty);
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.SqlAccepted, T0.AddDays(2), null, null, 3, Guid.Empty);
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.OpportunityCreated, T0.AddDays(5), null, 1000m, 3, Guid.Empty);
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.Won, T0.AddDays(30), null, 1200m, 3, Guid.Empty);

        lead.ToFunnel().ShouldBe(new LeadFunnel(T0, T0.AddDays(1), 3, T0.AddDays(1.5), T0.AddDays(2), null, null, T0.AddDays(5), T0.AddDays(30), null, 1200m));
    }

    [Theory]
    [InlineData(LeadOutcomeKind.Won)]
    [InlineData(LeadOutcomeKind.Lost)]
    [InlineData(LeadOutcomeKind.OpportunityCreated)]
    [InlineData(LeadOutcomeKind.SqlAccepted)]
    [InlineData(LeadOutcomeKind.Rejected)]
    [InlineData(LeadOutcomeKind.FirstContact)]
    public void Nothing_after_MQL_can_be_recorded_before_it(LeadOutcomeKind kind)
    {
        var lead = NewLead();

        var refused = Should.Throw<LeadOutcomeException>(() => LeadOutcomeRules.Apply(lead, kind, T0, "x", 1m, null, null));
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.MqlReached, T0, null, null, 1, null);

        refused.Code.ShouldBe("outcome.out_of_order");
        lead.MqlAt.ShouldBe(T0);
    }

    [Fact]
    public void A_step_dated_before_the_one_it_follows_is_out_of_order_and_a_rejected_lead_takes_no_sales_step()
    {
        var lead = NewLead();
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.MqlReached, T0.AddDays(2), null, null, 1, null);

        var early = Should.Throw<LeadOutcomeException>(() => LeadOutcomeRules.Apply(lead, LeadOutcomeKind.SqlAccepted, T0.AddDays(1), null, null, 1, null));
        LeadOutcomeRules.Apply(lead, LeadOutcomeKind.Rejected, T0.AddDays(3), "no-budget", null, 1, null);
        var afterRejection = Should.Throw<LeadOutcomeException>(() => LeadOutcomeRules.Apply(lead, LeadOutcomeKind.SqlAccepted, T0.AddDays(4), null, null, 1, null));

        early.Code.ShouldBe("outcome.out_of_order");
        afterRejection.Message.ShouldContain("nurture");
        lead.RejectionReason.ShouldBe("no-budget");
        lead.SqlAt.ShouldBeNull();
    }
}

public sealed class LeadPayloadTests
{
    [Fact]
    public void Merging_replaces_sent_values_clears_nulls_keeps_the_rest_and_dedupes_events()
    {
        var at = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var stored = LeadPayload.WriteFields(new Dictionary<string, JsonElement>
        {
            ["a"] = JsonSerializer.SerializeToElement(1), ["b"] = JsonSerializer.SerializeToElement("x"), ["c"] = JsonSerializer.SerializeToElement(true),
        });
        var storedEvents = LeadPayload.WriteEvents([new EngagementEvent("view", at)]);

        var fields = LeadPayload.MergeFields(stored, new Dictionary<string, JsonElement>
        {
            ["a"] = JsonSerializer.SerializeToElement(2), ["b"] = JsonSerializer.SerializeToElement<object?>(null),
        });
        var events = LeadPayload.MergeEvents(storedEvents, [new EngagementEvent("view", at.ToOffset(TimeSpan.FromHours(2))), new EngagementEvent("demo", at.AddHours(-1))]);

        LeadPayload.WriteFields(fields).ShouldBe("""{"a":2,"c":true}""");
        events.Select(e => e.Type).ShouldBe(["demo", "view"]);
        LeadPayload.ReadEvents(LeadPayload.WriteEvents(events)).ShouldBe(events);
        LeadPayload.ToLeadData(LeadPayload.WriteFields(fields), LeadPayload.WriteEvents(events)).Fields["a"].GetDouble().ShouldBe(2);
    }
}
