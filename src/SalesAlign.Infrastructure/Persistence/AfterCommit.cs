using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Infrastructure.Outbox;

namespace SalesAlign.Infrastructure.Persistence;

/// <summary>
/// A context's after-commit work (<see cref="IAfterCommit"/>): cache evictions, access-change notices and the outbox
/// dispatcher's wake-up, run by <see cref="AfterCommitInterceptor"/> once the context's transaction commits and
/// dropped when it rolls back or is abandoned. The only place in the save path where anything follows a commit.
/// </summary>
public sealed class AfterCommitWork(DbContext db) : IAfterCommit
{
    private readonly List<Action> _pending = [];
    private bool _wakeDispatcher;

    public void Enqueue(Action action)
    {
        if (db.Database.CurrentTransaction is null)
        {
            action();
            return;
        }
        lock (_pending)
            _pending.Add(action);
    }

    /// <summary>Outbox rows were saved: the dispatcher is woken after commit (at most once per commit).</summary>
    internal void WakeDispatcherOnCommit()
    {
        lock (_pending)
            _wakeDispatcher = true;
    }

    internal (Action[] Actions, bool WakeDispatcher) Take()
    {
        lock (_pending)
        {
            var taken = (_pending.ToArray(), _wakeDispatcher);
            _pending.Clear();
            _wakeDispatcher = false;
            return taken;
        }
    }

    internal void Drop() => Take();
}

/// <summary>
/// Runs the context's <see cref="AfterCommitWork"/> when its transaction commits and drops it on rollback — or when
/// a new transaction starts, so work queued in one that was disposed without either is never run later.
/// </summary>
public sealed class AfterCommitInterceptor(OutboxSignal? signal = null) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Drop(eventData.Context);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is not AppDbContext db)
            return;
        var (actions, wakeDispatcher) = db.AfterCommit.Take();
        foreach (var action in actions)
            action();
        if (wakeDispatcher)
            signal?.Notify();
    }

    private static void Drop(DbContext? context)
    {
        if (context is AppDbContext db)
            db.AfterCommit.Drop();
    }
}
