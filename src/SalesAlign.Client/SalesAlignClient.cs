using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Live;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Proposals;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Client;

/// <summary>
/// Typed client of the SalesAlign HTTP API (<c>/api/v1</c>) over an <see cref="HttpClient"/> whose
/// <see cref="HttpClient.BaseAddress"/> is the server. Sign in with <see cref="SignInAsync"/> (or set
/// <see cref="AccessToken"/>); every failure throws <see cref="SalesAlignApiException"/>.
/// </summary>
public sealed class SalesAlignClient
{
    /// <summary>The OAuth client the SDK signs in as (password grant).</summary>
    public const string CliClientId = "salesalign-cli";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private string? _accessToken;

    /// <summary>Wraps <paramref name="http"/>; its <see cref="HttpClient.BaseAddress"/> must be set.</summary>
    public SalesAlignClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
            throw new ArgumentException("The HttpClient needs a BaseAddress (the SalesAlign server).", nameof(http));
        _http = http;
    }

    /// <summary>The server's address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>The bearer token sent with every call; set by <see cref="SignInAsync"/> or by the caller.</summary>
    public string? AccessToken
    {
        get => _accessToken;
        set => _accessToken = value;
    }

    /// <summary>Signs in with the password grant (<c>client_id=salesalign-cli</c>, <c>scope=api</c>) and keeps the access token.</summary>
    /// <returns>The access token.</returns>
    public async Task<string> SignInAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = CliClientId,
            ["username"] = email,
            ["password"] = password,
            ["scope"] = "api",
        });
        using var response = await _http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string? error = null, description = null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                error = doc.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
                description = doc.RootElement.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            }
            catch (JsonException)
            {
            }
            throw new SalesAlignApiException(response.StatusCode, error, description, body);
        }
        using var token = JsonDocument.Parse(body);
        return AccessToken = token.RootElement.GetProperty("access_token").GetString()
            ?? throw new SalesAlignApiException(response.StatusCode, "invalid_token_response", "No access_token in the answer.", body);
    }

    /// <summary><c>GET /api/v1/me</c>: the signed-in user, memberships and agencies.</summary>
    public Task<MeResponse> GetMeAsync(CancellationToken cancellationToken = default) =>
        SendAsync<MeResponse>(HttpMethod.Get, "api/v1/me", null, null, cancellationToken);

    /// <summary><c>GET …/playbooks</c>: one page of the tenant's playbooks.</summary>
    public Task<Page<PlaybookSummaryDto>> ListPlaybooksAsync(string tenant, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<PlaybookSummaryDto>>(HttpMethod.Get, Tenant(tenant, "playbooks" + Query(("cursor", cursor), ("limit", Num(limit)))), null, null, cancellationToken);

    /// <summary><c>GET …/playbooks/{id}</c>: a playbook with its current version.</summary>
    public Task<PlaybookDto> GetPlaybookAsync(string tenant, Guid playbookId, CancellationToken cancellationToken = default) =>
        SendAsync<PlaybookDto>(HttpMethod.Get, Tenant(tenant, $"playbooks/{playbookId}"), null, null, cancellationToken);

    /// <summary><c>POST …/playbooks/{id}/proposals</c>: opens a proposal.</summary>
    public Task<ProposalDto> CreateProposalAsync(string tenant, Guid playbookId, CreateProposalRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ProposalDto>(HttpMethod.Post, Tenant(tenant, $"playbooks/{playbookId}/proposals"), request, null, cancellationToken);

    /// <summary><c>GET …/proposals/{id}</c>: a proposal with its draft and reviews.</summary>
    public Task<ProposalDto> GetProposalAsync(string tenant, Guid proposalId, CancellationToken cancellationToken = default) =>
        SendAsync<ProposalDto>(HttpMethod.Get, Tenant(tenant, $"proposals/{proposalId}"), null, null, cancellationToken);

    /// <summary><c>PATCH …/proposals/{id}</c> with <c>If-Match: "revision"</c>; a stale revision throws with code <c>revision_stale</c>.</summary>
    public Task<ProposalDto> UpdateProposalAsync(string tenant, Guid proposalId, int revision, UpdateProposalRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ProposalDto>(HttpMethod.Patch, Tenant(tenant, $"proposals/{proposalId}"), request, revision, cancellationToken);

    /// <summary><c>POST …/proposals/{id}/submit</c>: sends the proposal to review (If-Match when <paramref name="revision"/> is given).</summary>
    public Task<ProposalDto> SubmitAsync(string tenant, Guid proposalId, int? revision = null, CancellationToken cancellationToken = default) =>
        SendAsync<ProposalDto>(HttpMethod.Post, Tenant(tenant, $"proposals/{proposalId}/submit"), null, revision, cancellationToken);

    /// <summary><c>POST …/proposals/{id}/reviews</c>: approve, request changes or reject.</summary>
    public Task<ProposalDto> ReviewAsync(string tenant, Guid proposalId, ReviewRequest request, int? revision = null, CancellationToken cancellationToken = default) =>
        SendAsync<ProposalDto>(HttpMethod.Post, Tenant(tenant, $"proposals/{proposalId}/reviews"), request, revision, cancellationToken);

    /// <summary><c>POST …/proposals/{id}/publish</c>: publishes an approved proposal as the next version.</summary>
    public Task<PublishResponse> PublishAsync(string tenant, Guid proposalId, PublishRequest request, int? revision = null, CancellationToken cancellationToken = default) =>
        SendAsync<PublishResponse>(HttpMethod.Post, Tenant(tenant, $"proposals/{proposalId}/publish"), request, revision, cancellationToken);

    /// <summary><c>POST …/proposals/{id}/comments</c>: adds a comment, optionally anchored to a JSON Pointer.</summary>
    public Task<CommentDto> AddCommentAsync(string tenant, Guid proposalId, CreateCommentRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CommentDto>(HttpMethod.Post, Tenant(tenant, $"proposals/{proposalId}/comments"), request, null, cancellationToken);

    /// <summary><c>GET …/events?after=</c>: one page of the tenant's committed events after <paramref name="after"/>, in seq order.</summary>
    public Task<Page<LiveEventDto>> GetEventsAsync(string tenant, long after, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<LiveEventDto>>(HttpMethod.Get,
            Tenant(tenant, "events" + Query(("after", after.ToString(CultureInfo.InvariantCulture)), ("limit", Num(limit)))), null, null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, int? ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (_accessToken is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifMatch is { } revision)
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision.ToString(CultureInfo.InvariantCulture)}\""));
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new SalesAlignApiException(response.StatusCode, "empty_response", "The answer had no body.", null);
    }

    private static async Task<SalesAlignApiException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? code = null, detail = null;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = doc.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                detail = doc.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            }
        }
        catch (JsonException)
        {
        }
        return new SalesAlignApiException(response.StatusCode, code, detail, body);
    }

    private static string Tenant(string tenant, string rest) => $"api/v1/t/{Uri.EscapeDataString(tenant)}/{rest}";

    private static string? Num(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
