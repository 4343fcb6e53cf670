using SalesAlign.Api;
using SalesAlign.Api.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.AddSalesAlign();

var app = builder.Build();
app.UseSalesAlign();
app.MapHealthEndpoints();
app.MapSampleEndpoints();

app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
