namespace SalesAlign.Web.Services;

/// <summary>The UI's addresses: every tenant page lives under <c>/app/t/{tenant}/…</c>, so links and reloads keep the tenant.</summary>
public static class AppRoutes
{
    public const string Root = "/app";

    public static string Playbook(string tenant) => $"/app/t/{tenant}/playbook";

    public static string Proposals(string tenant) => $"/app/t/{tenant}/proposals";

    public static string Proposal(string tenant, Guid id) => $"/app/t/{tenant}/proposals/{id}";

    public static string Review(string tenant, Guid id) => $"/app/t/{tenant}/proposals/{id}/review";

    public static string Meetings(string tenant) => $"/app/t/{tenant}/meetings";

    public static string Dashboard(string tenant) => $"/app/t/{tenant}/dashboard";

    public static string Sandbox(string tenant) => $"/app/t/{tenant}/sandbox";

    /// <summary>The tenant slug and the section (<c>playbook</c>, <c>proposals</c>, …) of a UI path, if it has them.</summary>
    public static (string? Tenant, string? Section) Parse(string relativePath)
    {
        var path = relativePath.Split('?', '#')[0].Trim('/');
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length >= 3 && parts[0] == "app" && parts[1] == "t")
            return (Uri.UnescapeDataString(parts[2]), parts.Length >= 4 ? parts[3] : null);
        return (null, null);
    }

    /// <summary>The same section in another tenant (ids of one tenant mean nothing in another, so they are dropped).</summary>
    public static string SwitchTenant(string relativePath, string tenant)
    {
        var (_, section) = Parse(relativePath);
        return section is "playbook" or "proposals" or "meetings" or "dashboard" or "sandbox"
            ? $"/app/t/{tenant}/{section}"
            : Playbook(tenant);
    }
}
