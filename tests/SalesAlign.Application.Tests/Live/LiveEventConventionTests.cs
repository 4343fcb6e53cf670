using System.Reflection;
using SalesAlign.Application.Common.Auditing;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Security;
using Shouldly;

namespace SalesAlign.Application.Tests.Live;

/// <summary>Events are contracts: every type has one payload record that says who may read it, and the wire stays as it was.</summary>
public sealed class LiveEventConventionTests
{
    private static readonly Type[] PayloadTypes =
        [.. typeof(ILiveEventData).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILiveEventData).IsAssignableFrom(t))];

    private static readonly string[] TypeConstants =
        [.. typeof(LiveEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];

    [Fact]
    public void Every_event_type_constant_has_exactly_one_payload_record_and_a_read_permission()
    {
        var kinds = LiveEventPermissions.Kinds;

        TypeConstants.ShouldNotBeEmpty();
        TypeConstants.ShouldBe(LiveEventTypes.All, ignoreOrder: true);
        kinds.Select(k => k.Type).ShouldBe(TypeConstants, ignoreOrder: true);
        kinds.Select(k => k.Type).ShouldBeUnique();
        kinds.ShouldAllBe(k => Permissions.All.Contains(k.ReadPermission));
        TypeConstants.ShouldAllBe(t => LiveEventPermissions.For(t) != null);
        LiveEventPermissions.For("notAnEvent").ShouldBeNull();
    }

    [Fact]
    public void Every_payload_type_is_a_sealed_record_in_Contracts_Live_listed_once_with_its_own_type_string()
    {
        PayloadTypes.Length.ShouldBe(LiveEventPermissions.Kinds.Count);
        LiveEventPermissions.Kinds.Select(k => k.DataType).ShouldBe(PayloadTypes, ignoreOrder: true);
        PayloadTypes.ShouldAllBe(t => t.IsSealed && t.Namespace == "SalesAlign.Contracts.Live" && t.GetMethod("<Clone>$") != null);
        foreach (var kind in LiveEventPermissions.Kinds)
            ((string)kind.DataType.GetProperty(nameof(ILiveEventData.EventType), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ShouldBe(kind.Type);
    }

    [Fact]
    public void Progress_and_presence_are_ephemeral_and_every_other_type_is_durable()
    {
        var ephemeral = LiveEventPermissions.Kinds.Where(k => !typeof(IDurableLiveEventData).IsAssignableFrom(k.DataType)).Select(k => k.Type);

        ephemeral.ShouldBe([LiveEventTypes.ImpactProgress, LiveEventTypes.PresenceChanged], ignoreOrder: true);
        LiveEventPermissions.Kinds.Count(k => typeof(IDurableLiveEventData).IsAssignableFrom(k.DataType)).ShouldBe(LiveEventTypes.All.Count - 2);
    }

    // The strings the anonymous payloads of the publish sites produced before the records: clients parse these.
    [Fact]
    public void The_payload_records_serialize_exactly_as_the_anonymous_payloads_did()
    {
        var id = Guid.Parse("0196a1b2-0000-7000-8000-000000000001");
        var other = Guid.Parse("0196a1b2-0000-7000-8000-000000000002");

        LiveEventJson.Serialize(new ProposalCreatedData(id, "Raise the bar", "draft")).ShouldBe($$"""{"playbookId":"{{id}}","title":"Raise the bar","status":"draft"}""");
        LiveEventJson.Serialize(new ProposalUpdatedData(["/rules/0"])).ShouldBe("""{"changedPaths":["/rules/0"]}""");
        LiveEventJson.Serialize(new ProposalUpdatedData(["/rules/0"], 3)).ShouldBe("""{"changedPaths":["/rules/0"],"rebasedOnto":3}""");
        LiveEventJson.Serialize(new ProposalStatusChangedData("draft", "inReview")).ShouldBe("""{"from":"draft","to":"inReview"}""");
        LiveEventJson.Serialize(new ReviewSubmittedData("approve", "maria", id)).ShouldBe($$"""{"decision":"approve","reviewerId":"maria","reviewId":"{{id}}"}""");
        LiveEventJson.Serialize(new CommentAddedData(null, id)).ShouldBe($$"""{"path":null,"commentId":"{{id}}"}""");
        LiveEventJson.Serialize(new PlaybookPublishedData(4, id)).ShouldBe($$"""{"version":4,"proposalId":"{{id}}"}""");
        LiveEventJson.Serialize(new MeetingUpdatedData()).ShouldBeNull();
        LiveEventJson.Serialize(new ImpactProgressData(id, 2, "computing", 10, 300)).ShouldBe($$"""{"proposalId":"{{id}}","proposalRevision":2,"status":"computing","processed":10,"total":300}""");
        LiveEventJson.Serialize(new PresenceChangedData([new PresenceUser("sam", "Sam", "editing")])).ShouldBe("""{"users":[{"userId":"sam","displayName":"Sam","mode":"editing"}]}""");
        LiveEventJson.Serialize(new LeadsRescoredData(id, other, 2, 3, 3, 2, true))
            .ShouldBe($$"""{"jobId":"{{id}}","playbookId":"{{other}}","version":2,"processed":3,"total":3,"changed":2,"completed":true}""");
    }
}
