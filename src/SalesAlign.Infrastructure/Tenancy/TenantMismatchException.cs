namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>A write touched a tenant-owned row of another tenant, or was attempted with no tenant at all.</summary>
public sealed class TenantMismatchException(string message) : InvalidOperationException(message);

/// <summary>An update or delete of a row that is written once and kept forever (versions, audit entries).</summary>
public sealed class InsertOnlyViolationException(string message) : InvalidOperationException(message);
