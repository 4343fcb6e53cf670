using SalesAlign.Api;
using SalesAlign.Api.Endpoints;
using SalesAlign.Api.Hubs;
using SalesAlign.Api.Identity;
using SalesAlign.Api.WebUi;

// The container image has no curl: its HEALTHCHECK runs the app itself as a one-shot probe.
if (args is ["--healthcheck", var probeUrl])
    return await HealthProbe.RunAsync(new Uri(probeUrl));

var builder = WebApplication.CreateBuilder(args);
builder.AddSalesAlign();

var app = builder.Build();
app.UseSalesAlign();
app.MapHealthEndpoints();
app.MapConnectEndpoints();
app.MapAccountEndpoints();
// One file per Application/Features area (decision 0047).
app.MapScoringEndpoints();
app.MapTenancyEndpoints();
app.MapMembersEndpoints();
app.MapPlaybooksEndpoints();
app.MapProposalsEndpoints();
app.MapCommentsEndpoints();
app.MapMeetingsEndpoints();
app.MapWebhooksEndpoints();
app.MapLeadsEndpoints();
app.MapLiveEndpoints();
app.MapAnalyticsEndpoints();
app.MapAuditEndpoints();
app.MapBenchmarkEndpoints();
app.MapAlignmentHub();
app.MapWebUi();

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
