using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;

namespace SalesAlign.Application.Common.Behaviors;

/// <summary>
/// Runs each command in one database transaction, so its change, its audit entries and (later) its outbox
/// rows commit together. Inside the provider's execution strategy, as eShop's TransactionBehavior does: a
/// retrying strategy refuses user transactions opened outside it. Queries skip this.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IAppDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICommand<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // A command sent from inside another command joins the outer transaction.
        if (db.Database.CurrentTransaction is not null)
            return await next(message, cancellationToken);

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var response = await next(message, ct);
                await transaction.CommitAsync(ct);
                return response;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            // Someone changed the same object between our read and our write; handlers that know the client's
            // If-Match turn this into 412 themselves.
            throw new ConflictException("concurrency.conflict", "The object was changed by someone else meanwhile; reload and retry.", ex);
        }
    }
}
