using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Webhooks;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Api.Endpoints;

/// <summary>A tenant's webhooks: register, list, remove, rotate the secret, deliveries and redelivery.</summary>
internal static class WebhooksEndpoints
{
    public static void MapWebhooksEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/webhooks", "Webhooks");

        group.MapGet("", ListWebhooks)
            .ForUseCase<ListWebhooksQuery>().WithName("ListWebhooks").WithSummary("The tenant's webhooks, without their secrets.");

        group.MapPost("", CreateWebhook)
            .ForUseCase<CreateWebhookCommand>().WithName("CreateWebhook").WithSummary("Register an endpoint; the answer shows the signing secret, once.");

        group.MapDelete("/{id:guid}", DeleteWebhook)
            .ForUseCase<DeleteWebhookCommand>().WithName("DeleteWebhook").WithSummary("Remove a webhook and its delivery history.");

        group.MapGet("/{id:guid}/deliveries", ListWebhookDeliveries)
            .ForUseCase<ListWebhookDeliveriesQuery>().WithName("ListWebhookDeliveries").WithSummary("A webhook's deliveries, newest first, with status, attempts and last error.");

        group.MapPost("/{id:guid}/rotate-secret", RotateWebhookSecret)
            .ForUseCase<RotateWebhookSecretCommand>().WithName("RotateWebhookSecret").WithSummary("A new secret, shown once; the old one keeps signing for 24 h.");

        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", RedeliverWebhookDelivery)
            .ForUseCase<RedeliverWebhookDeliveryCommand>().WithName("RedeliverWebhookDelivery").WithSummary("Send a delivery again with a fresh retry budget.");
    }

    private static async Task<Ok<IReadOnlyList<WebhookDto>>> ListWebhooks(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListWebhooksQuery(), ct));

    private static async Task<Created<CreateWebhookResponse>> CreateWebhook(string tenant, CreateWebhookRequest request, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new CreateWebhookCommand(request), ct);
        return TypedResults.Created($"/api/v1/t/{tenant}/webhooks/{created.Webhook.Id}", created);
    }

    private static async Task<NoContent> DeleteWebhook(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteWebhookCommand(id), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<WebhookDeliveryDto>>> ListWebhookDeliveries(Guid id, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(id, cursor, limit), ct));

    private static async Task<Ok<RotateWebhookSecretResponse>> RotateWebhookSecret(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RotateWebhookSecretCommand(id), ct));

    private static async Task<Accepted> RedeliverWebhookDelivery(Guid id, Guid deliveryId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RedeliverWebhookDeliveryCommand(id, deliveryId), ct);
        return TypedResults.Accepted((string?)null);
    }
}
