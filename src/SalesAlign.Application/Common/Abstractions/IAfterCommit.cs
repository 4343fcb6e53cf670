namespace SalesAlign.Application.Common.Abstractions;

/// <summary>
/// What must happen only once the current unit of work is durable — evicting a cache, waking a worker, telling
/// other instances — queued here and run by persistence when the transaction commits, dropped when it rolls back.
/// Done before commit, a reader in between would re-cache (or be told about) state that may never exist.
/// With no transaction open the action runs at once: there is nothing left to wait for.
/// </summary>
public interface IAfterCommit
{
    void Enqueue(Action action);
}
