using System.Reflection;
using System.Text.Json;
using SalesAlign.Application.Common.Wire;
using SalesAlign.Contracts.Leads;
using SalesAlign.Contracts.Meetings;
using SalesAlign.Contracts.Proposals;

namespace SalesAlign.Application.Tests.Wire;

/// <summary>Every enum-carrying string member of Contracts lists its camelCase values in <see cref="WireValues"/> (decision 0048).</summary>
public sealed class WireValuesTests
{
    /// <summary>Member names that carry an enum somewhere in Contracts.</summary>
    private static readonly HashSet<string> EnumLikeNames = new(StringComparer.Ordinal)
    {
        "Status", "Team", "Role", "Route", "Decision", "Kind", "Stage", "Period", "Mode", "Changes", "Resolutions",
        "EventType", "EventTypes", "Type", "From", "To", "Key",
    };

    /// <summary>Members with those names whose values are open sets: the playbook's keys and names, version labels.</summary>
    private static readonly HashSet<string> Open = new(StringComparer.Ordinal)
    {
        "DiffDto.From", "DiffDto.To",            // version labels, v3 or draft
        "EngagementEventDto.Type",               // the playbook's event types
        "RebaseConflictDto.Key", "ChangeDto.Key", // position-free document paths
        "LiveEventKind.Type",                    // the catalogue of event types, not a wire record
    };

    private static IEnumerable<PropertyInfo> EnumLikeMembers() =>
        typeof(ProposalDto).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => EnumLikeNames.Contains(p.Name) && CarriesStrings(p.PropertyType));

    private static bool CarriesStrings(Type type) =>
        type == typeof(string) || type == typeof(IReadOnlyList<string>) || type == typeof(IReadOnlyDictionary<string, string>);

    private static string Name(PropertyInfo p) => $"{p.DeclaringType!.Name}.{p.Name}";

    [Fact]
    public void Every_enum_carrying_string_member_of_the_contracts_lists_its_values()
    {
        var members = EnumLikeMembers().ToList();

        members.Count.ShouldBeGreaterThan(40);
        members.Where(p => !Open.Contains(Name(p)))
            .Where(p => !WireValues.Members.ContainsKey((p.DeclaringType!, JsonNamingPolicy.CamelCase.ConvertName(p.Name))))
            .Select(Name).ShouldBeEmpty("list the member's values in WireValues, or name it open here");
    }

    [Fact]
    public void Every_listed_member_exists_and_every_value_is_camelCase()
    {
        WireValues.Members.Keys.Where(k => k.Record.GetProperties().All(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name) != k.Member))
            .Select(k => $"{k.Record.Name}.{k.Member}").ShouldBeEmpty();
        WireValues.Members.SelectMany(m => m.Value.Select(v => (m.Key, Value: v)))
            .Where(v => v.Value.Length == 0 || !char.IsAsciiLetterLower(v.Value[0]) || !v.Value.All(char.IsAsciiLetterOrDigit))
            .Select(v => $"{v.Key.Record.Name}.{v.Key.Member}: '{v.Value}'").ShouldBeEmpty();
        WireValues.Members[(typeof(ProposalDto), "status")].ShouldContain("changesRequested");   // control: the enums are spelt, not copied
    }

    [Fact]
    public void The_status_constants_of_the_contracts_are_the_values_the_server_writes()
    {
        ProposalStatuses.All.ShouldBe(WireValues.Members[(typeof(ProposalDto), "status")]);
        MeetingStatuses.All.ShouldBe(WireValues.Members[(typeof(MeetingDto), "status")]);
        string[] importStatuses = [ImportJobStatuses.Queued, ImportJobStatuses.Running, ImportJobStatuses.Succeeded, ImportJobStatuses.Failed];
        importStatuses.ShouldBe(WireValues.Members[(typeof(LeadImportJobDto), "status")]);
    }
}
