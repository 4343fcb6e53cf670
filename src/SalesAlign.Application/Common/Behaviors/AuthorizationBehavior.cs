using Mediator;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Security;

namespace SalesAlign.Application.Common.Behaviors;

/// <summary>
/// Enforces each request's declared policy (<see cref="RequestPolicyAttribute"/>) before its handler, whoever sends
/// it: an HTTP route, the hub, a web UI circuit or a background worker. Transports only resolve who is calling (and
/// enter the tenant); <see cref="RequestAuthorizer"/> decides what that caller may do.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, ITenantContext tenant) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        RequestAuthorizer.Authorize(RequestPolicy.Of<TMessage>(), user, tenant.Slug, typeof(TMessage).Name);
        return next(message, cancellationToken);
    }
}
