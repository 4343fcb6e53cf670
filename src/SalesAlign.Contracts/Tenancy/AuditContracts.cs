using System.Text.Json;

namespace SalesAlign.Contracts.Tenancy;

/// <summary>One line of the tenant's append-only audit log.</summary>
public sealed record AuditEntryDto(long Id, DateTimeOffset At, string ActorId, string Action, string ObjectType, string ObjectId, JsonElement? Before, JsonElement? After);
