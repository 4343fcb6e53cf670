using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace SalesAlign.Api.Endpoints;

/// <summary>304 with no body: the client's copy (If-None-Match) is current. Typed, so a route's union documents it.</summary>
internal sealed class NotModified : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public static readonly NotModified Instance = new();

    private NotModified()
    {
    }

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
}
