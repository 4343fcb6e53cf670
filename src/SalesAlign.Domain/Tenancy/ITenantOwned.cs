namespace SalesAlign.Domain.Tenancy;

/// <summary>
/// Marks a row that belongs to exactly one tenant. Persistence filters every query and checks every write
/// against the current tenant for these; anything not marked is global and must be listed as such.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}

/// <summary>Rows that are written once and never updated or deleted through the application.</summary>
public interface IInsertOnly;
