namespace SalesAlign.Application.Common.Abstractions;

/// <summary>The tenant the current request acts in. Persistence reads it to filter and to check every write.</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }

    string? Slug { get; }

    bool HasTenant { get; }

    /// <summary>Enters a tenant for the rest of this scope; switching to another tenant mid-scope is refused.</summary>
    void Enter(Guid tenantId, string slug);
}
