using SalesAlign.Application.Common.Security;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Web.Services;

/// <summary>
/// The signed-in user of this circuit and the tenants they can act in (direct memberships and those flowing from an
/// agency), loaded once. Only for showing and hiding controls: every action is checked again by
/// <see cref="ITenantSender"/> with the API's rule.
/// </summary>
public sealed class UserSession(ITenantSender sender)
{
    private MeResponse? _me;

    public MeResponse? Me => _me;

    public IReadOnlyList<MembershipDto> Tenants => _me?.Memberships ?? [];

    public async Task<MeResponse> LoadAsync(CancellationToken cancellationToken = default) =>
        _me ??= await sender.QueryAsync(new GetMeQuery(), cancellationToken);

    public MembershipDto? MembershipIn(string? tenant) =>
        Tenants.FirstOrDefault(m => string.Equals(m.Tenant, tenant, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whether the user's role in <paramref name="tenant"/> may send <typeparamref name="TRequest"/>, by the request's own
    /// declaration (<see cref="RequestPolicy"/>) and <see cref="AccessPolicy"/>: for hiding what would be refused anyway.
    /// </summary>
    public bool Can<TRequest>(string? tenant) =>
        RequestPolicy.PermissionOf<TRequest>() is { } permission
        && MembershipIn(tenant) is { } m && AccessPolicy.RoleAllows(m.Role, permission);

    public string DisplayNameOf(string userId, IReadOnlyDictionary<string, string>? known = null) =>
        _me?.User.Id == userId ? _me.User.DisplayName : known?.GetValueOrDefault(userId) ?? userId;
}
