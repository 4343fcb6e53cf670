using System.Globalization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SalesAlign.Infrastructure.Identity;

/// <summary>The OAuth clients SalesAlign knows, and how a tenant's integration client is registered.</summary>
public static class IdentityClients
{
    /// <summary>First-party public client for scripts, the SDK and tests: password and refresh-token grants.</summary>
    public const string Cli = "salesalign-cli";

    /// <summary>First-party public client for browser apps: authorization code with PKCE, refresh tokens.</summary>
    public const string Web = "salesalign-web";

    public const string ApiScope = "api";

    /// <summary>The claim (and application property) that binds an integration client to its one tenant.</summary>
    public const string TenantClaim = "tenant_id";

    public static async Task EnsureFirstPartyClientsAsync(IOpenIddictApplicationManager apps, IEnumerable<Uri> webRedirectUris, CancellationToken ct)
    {
        if (await apps.FindByClientIdAsync(Cli, ct) is null)
        {
            await apps.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = Cli,
                ClientType = ClientTypes.Public,
                DisplayName = "SalesAlign CLI and SDK",
                Permissions =
                {
                    Permissions.Endpoints.Token,
                    Permissions.GrantTypes.Password,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                    Permissions.Prefixes.Scope + ApiScope,
                },
            }, ct);
        }

        if (await apps.FindByClientIdAsync(Web, ct) is null)
        {
            var web = new OpenIddictApplicationDescriptor
            {
                ClientId = Web,
                ClientType = ClientTypes.Public,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = "SalesAlign web",
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.GrantTypes.RefreshToken,
                    Permissions.ResponseTypes.Code,
                    Permissions.Scopes.Email,
                    Permissions.Scopes.Profile,
                    Permissions.Prefixes.Scope + ApiScope,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (var uri in webRedirectUris)
                web.RedirectUris.Add(uri);
            await apps.CreateAsync(web, ct);
        }
    }

    /// <summary>Registers a confidential client that may only act in <paramref name="tenantId"/>.</summary>
    public static async Task CreateIntegrationClientAsync(IOpenIddictApplicationManager apps, string clientId, string secret, Guid tenantId, string displayName, CancellationToken ct)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = displayName,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + ApiScope,
            },
        };
        descriptor.Properties[TenantClaim] = System.Text.Json.JsonSerializer.SerializeToElement(tenantId.ToString("D", CultureInfo.InvariantCulture));
        await apps.CreateAsync(descriptor, ct);
    }

    /// <summary>The tenant an integration client is bound to, or null for first-party clients.</summary>
    public static async Task<Guid?> TenantOfClientAsync(IOpenIddictApplicationManager apps, string clientId, CancellationToken ct)
    {
        var app = await apps.FindByClientIdAsync(clientId, ct);
        if (app is null)
            return null;
        var properties = await apps.GetPropertiesAsync(app, ct);
        return properties.TryGetValue(TenantClaim, out var value) && Guid.TryParse(value.GetString(), out var id) ? id : null;
    }
}
