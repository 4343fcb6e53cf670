using System.Text.Json;
using SalesAlign.Application.Common.Wire;
using SalesAlign.Application.Features.Proposals;
using SalesAlign.Contracts.Live;
using static SalesAlign.Application.IntegrationTests.Users;

namespace SalesAlign.Application.IntegrationTests;

public abstract partial class WorkflowTests
{
    /// <summary>
    /// The live event payload records, walked with real data (decision 0048): every member of a stored event's data that
    /// carries an enum holds one of the camelCase values the contract lists.
    /// </summary>
    [Fact]
    public async Task Every_enum_member_of_a_stored_event_holds_a_value_the_contract_lists()
    {
        if (Unavailable()) return;
        var (tenant, playbook) = await PlaybookAsync();
        var proposal = await OpenAsync(tenant, playbook);
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));
        await ReviewAsync(tenant, Sam, proposal.Id, "requestChanges");
        await app.SendAsync(tenant, Chris, new SubmitProposalCommand(proposal.Id));
        await ReviewAsync(tenant, Maria, proposal.Id);
        await ReviewAsync(tenant, Sam, proposal.Id);
        await PublishAsync(tenant, proposal.Id);
        var payloadOf = LiveEventPermissions.Kinds.ToDictionary(k => k.Type, k => k.DataType, StringComparer.Ordinal);

        var checkedValues = new List<string>();
        foreach (var e in await EventsAsync(tenant))
        {
            if (e.DataJson is null)
                continue;
            using var data = JsonDocument.Parse(e.DataJson);
            foreach (var member in data.RootElement.EnumerateObject())
            {
                if (!WireValues.Members.TryGetValue((payloadOf[e.Type], member.Name), out var allowed))
                    continue;
                var value = member.Value.GetString()!;
                allowed.ShouldContain(value, $"{e.Type} {member.Name}");
                checkedValues.Add($"{e.Type}.{member.Name}={value}");
            }
        }

        checkedValues.ShouldContain("reviewSubmitted.decision=requestChanges");
        checkedValues.ShouldContain("reviewSubmitted.decision=approve");
        checkedValues.ShouldContain("proposalCreated.status=draft");
        checkedValues.ShouldContain("proposalStatusChanged.to=changesRequested");
        checkedValues.ShouldContain("proposalStatusChanged.to=published");
    }
}
