using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SalesAlign.Infrastructure.Persistence;

namespace SalesAlign.Infrastructure.Tenancy;

/// <summary>
/// Tells PostgreSQL which tenant a connection acts for, so row-level security filters even SQL that the EF
/// filter never sees. Set on every open, and to empty when there is no tenant, because a pooled physical
/// connection may still carry the previous user's tenant.
/// </summary>
public sealed class PostgresTenantSessionInterceptor : DbConnectionInterceptor
{
    public const string Setting = "app.tenant_id";

    public static PostgresTenantSessionInterceptor Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbCommand CreateCommand(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenantId = (eventData.Context as AppDbContext)?.CurrentTenantId;
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT set_config('{Setting}', @tenant, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = tenantId?.ToString() ?? "";
        command.Parameters.Add(parameter);
        return command;
    }
}
