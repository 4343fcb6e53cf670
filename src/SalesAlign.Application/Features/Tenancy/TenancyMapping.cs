using SalesAlign.Domain.Tenancy;

namespace SalesAlign.Application.Features.Tenancy;

/// <summary>Team and role names on the wire: camelCase, as everywhere in the API.</summary>
internal static class TenancyMapping
{
    public static string Name(this MemberTeam team) => Common.Wire.WireName.Of(team);

    public static string Name(this MemberRole role) => Common.Wire.WireName.Of(role);

    public static bool TryParseTeam(string? value, out MemberTeam team) =>
        Enum.TryParse(value, ignoreCase: true, out team) && Enum.IsDefined(team) && !int.TryParse(value, out _);

    public static bool TryParseRole(string? value, out MemberRole role) =>
        Enum.TryParse(value, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);

    /// <summary>For values a validator already accepted.</summary>
    public static MemberTeam ParseTeam(string value) =>
        TryParseTeam(value, out var team) ? team : throw new ArgumentException($"Unknown team '{value}'.", nameof(value));

    /// <summary>For values a validator already accepted.</summary>
    public static MemberRole ParseRole(string value) =>
        TryParseRole(value, out var role) ? role : throw new ArgumentException($"Unknown role '{value}'.", nameof(value));

    public const string TeamNames = "marketing, sales, agency";
    public const string RoleNames = "viewer, contributor, approver, admin";
}
