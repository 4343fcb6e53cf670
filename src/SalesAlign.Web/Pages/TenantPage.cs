using Microsoft.AspNetCore.Components;
using MudBlazor;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Web.Services;

namespace SalesAlign.Web.Pages;

/// <summary>A page under <c>/app/t/{tenant}</c>: the tenant from the route, the sender acting as the user, and load errors shown in place.</summary>
public abstract class TenantPage : ComponentBase
{
    [Parameter]
    public string Tenant { get; set; } = "";

    [Inject]
    protected ITenantSender Sender { get; set; } = default!;

    [Inject]
    protected UserSession Session { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    /// <summary>Why the page could not load (not a member, no permission…), shown instead of the content.</summary>
    protected UiProblemException? LoadProblem { get; set; }

    /// <summary>Whether the user may send <typeparamref name="TUseCase"/> here (its declared policy): to hide or disable its controls.</summary>
    protected bool Can<TUseCase>() => Session.Can<TUseCase>(Tenant);

    /// <summary>Runs a load, keeping a refusal for display instead of breaking the circuit.</summary>
    protected async Task<bool> LoadAsync(Func<Task> load)
    {
        try
        {
            LoadProblem = null;
            await load();
            return true;
        }
        catch (UiProblemException problem)
        {
            LoadProblem = problem;
            return false;
        }
    }

    /// <summary>Runs an action the user asked for; a refusal becomes a message, never a broken circuit.</summary>
    protected async Task<bool> ActAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null)
                Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (UiProblemException problem)
        {
            Snackbar.Add(problem.Detail ?? problem.Title, problem.IsForbidden ? Severity.Warning : Severity.Error);
            return false;
        }
    }

    /// <summary>The tenant's playbooks (one per product line or segment).</summary>
    protected async Task<IReadOnlyList<PlaybookSummaryDto>> PlaybooksAsync() =>
        (await Sender.QueryAsync(Tenant, new ListPlaybooksQuery(Limit: 100))).Items;
}
