using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// Work that must wait until a context's transaction commits (e.g. telling every instance that someone's access
/// changed: re-checked before commit, the old membership would still be read). Dropped on rollback; run at once when
/// no transaction is open.
/// </summary>
public static class AfterCommit
{
    private static readonly ConditionalWeakTable<DbContext, List<Action>> Pending = new();

    public static void Run(DbContext db, Action action)
    {
        if (db.Database.CurrentTransaction is null)
        {
            action();
            return;
        }
        var list = Pending.GetOrCreateValue(db);
        lock (list)
            list.Add(action);
    }

    internal static void Committed(DbContext? db)
    {
        if (db is null || !Pending.TryGetValue(db, out var list))
            return;
        Action[] actions;
        lock (list)
        {
            actions = [.. list];
            list.Clear();
        }
        foreach (var action in actions)
            action();
    }

    internal static void RolledBack(DbContext? db)
    {
        if (db is not null && Pending.TryGetValue(db, out var list))
            lock (list)
                list.Clear();
    }
}

/// <summary>Runs <see cref="AfterCommit"/>'s queue when the transaction commits, and drops it on rollback.</summary>
internal sealed class AfterCommitInterceptor : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit.Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit.Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit.RolledBack(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit.RolledBack(eventData.Context);
        return Task.CompletedTask;
    }
}
