using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// Inserts many rows of one mapped entity with multi-row <c>INSERT … VALUES (…), (…)</c> commands, bypassing the change
/// tracker: for the demo seed, where tracking thousands of rows costs more than writing them. Columns, names and
/// value conversions come from the EF model (so stored values are exactly what EF would write); identity columns
/// are left to the database. It does not run the tenancy interceptor: callers set <c>TenantId</c> themselves, and
/// PostgreSQL's row-level security still checks every row.
/// </summary>
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(AppDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties()
            .Where(p => p.GetColumnName(table) is not null && p.ValueGenerated != ValueGenerated.OnAdd)
            .ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({columns}) VALUES ";
        // SQL Server allows 2,100 parameters per command; the others far more. 200 rows keeps commands small everywhere.
        var perCommand = Math.Clamp((db.Database.IsSqlServer() ? 2000 : 20_000) / properties.Length, 1, 200);

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        for (var start = 0; start < rows.Count; start += perCommand)
        {
            var count = Math.Min(perCommand, rows.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < count; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                {
                    var property = properties[c];
                    var name = sql.GenerateParameterName("p" + n++);
                    text.Append(c == 0 ? "" : ", ").Append(name);
                    var value = property.GetGetter().GetClrValue(rows[start + r]);
                    command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, name, value, property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
