using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesAlign.Api.Identity;
using SalesAlign.Api.Problems;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Common.Security;
using SalesAlign.Web.Services;

namespace SalesAlign.Api.WebUi;

/// <summary>
/// Runs the web UI's commands and queries as the circuit's user (decision 0025). An interactive circuit has no
/// HTTP request per action, so each call gets its own DI scope that acts as the circuit's principal, enters the tenant
/// through <see cref="TenantAccessService"/> — the rule the tenant routes and the hub use — asks the message's own
/// declared policy (as a route does before reading its body) and then sends it through the mediator, whose
/// authorization behaviour enforces that policy again. Failures are mapped by <see cref="ApiExceptionHandler.ProblemFor"/>,
/// so the UI gets the API's status, code and JSON Pointers.
/// </summary>
internal sealed class CircuitTenantSender(AuthenticationStateProvider authentication, IServiceScopeFactory scopes) : ITenantSender
{
    public Task<T> QueryAsync<T>(IQuery<T> query, CancellationToken cancellationToken = default) =>
        RunAsync(tenant: null, query, (sender, ct) => sender.Send(query, ct), cancellationToken);

    public Task<T> QueryAsync<T>(string tenant, IQuery<T> query, CancellationToken cancellationToken = default) =>
        RunAsync(tenant, query, (sender, ct) => sender.Send(query, ct), cancellationToken);

    public Task<T> CommandAsync<T>(string tenant, ICommand<T> command, CancellationToken cancellationToken = default) =>
        RunAsync(tenant, command, (sender, ct) => sender.Send(command, ct), cancellationToken);

    private async Task<T> RunAsync<T>(string? tenant, IMessage message, Func<ISender, CancellationToken, ValueTask<T>> send, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant ?? "-");
        var principal = (await authentication.GetAuthenticationStateAsync()).User;
        if (principal.Identity?.IsAuthenticated != true)
            throw new UiProblemException(401, "unauthorized", "Sign in first.", "Your session has ended; sign in again.");

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = services.GetRequiredService<CurrentUser>();
        user.ActAs(principal);
        if (tenant is not null)
        {
            var access = services.GetRequiredService<TenantAccessService>();
            var decision = await access.EnterAsync(tenant, user, ct);
            if (decision.Allowed)
                decision = access.MaySend(RequestPolicy.Of(message.GetType()), user, message.GetType().Name);
            if (!decision.Allowed)
                throw new UiProblemException(decision.Status, decision.Code!, decision.Status == 404 ? "Not found." : "Not allowed.", decision.Detail);
        }

        try
        {
            return await send(services.GetRequiredService<ISender>(), ct);
        }
        catch (Exception ex) when (ApiExceptionHandler.ProblemFor(ex) is { } problem)
        {
            throw ToUiProblem(problem, ex);
        }
    }

    internal static UiProblemException ToUiProblem(ProblemDetails problem, Exception inner)
    {
        var code = problem.Extensions.TryGetValue("code", out var c) ? c?.ToString() ?? "error" : "error";
        var fields = new List<FieldProblem>();
        if (problem is ValidationProblemDetails validation)
        {
            // The same pointers the API lists in 'errors' (and with codes in 'problems').
            var coded = problem.Extensions.TryGetValue("problems", out var p) ? JsonSerializer.SerializeToElement(p) : default;
            if (coded.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in coded.EnumerateArray())
                    fields.Add(new FieldProblem(item.GetProperty("path").GetString() ?? "", item.GetProperty("code").GetString() ?? "", item.GetProperty("message").GetString() ?? ""));
            }
            else
            {
                fields.AddRange(validation.Errors.SelectMany(e => e.Value.Select(m => new FieldProblem(e.Key, code, m))));
            }
        }
        return new UiProblemException(problem.Status ?? 500, code, problem.Title ?? "Refused.", problem.Detail, fields, inner);
    }
}
