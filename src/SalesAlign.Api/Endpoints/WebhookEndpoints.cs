using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesAlign.Api.Tenancy;
using SalesAlign.Application.Features.Webhooks;
using SalesAlign.Contracts.Common;
using SalesAlign.Contracts.Webhooks;

namespace SalesAlign.Api.Endpoints;

internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapTenantGroup("/webhooks", "Webhooks");

        group.MapGet("", async Task<Ok<IReadOnlyList<WebhookDto>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhooksQuery(), ct)))
            .ForUseCase<ListWebhooksQuery>().WithName("ListWebhooks").WithSummary("The tenant's webhooks, without their secrets.");

        group.MapPost("", async Task<Created<CreateWebhookResponse>> (string tenant, CreateWebhookRequest request, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateWebhookCommand(request), ct);
                return TypedResults.Created($"/api/v1/t/{tenant}/webhooks/{created.Webhook.Id}", created);
            })
            .ForUseCase<CreateWebhookCommand>().WithName("CreateWebhook").WithSummary("Register an endpoint; the answer shows the signing secret, once.");

        group.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWebhookCommand(id), ct);
                return TypedResults.NoContent();
            })
            .ForUseCase<DeleteWebhookCommand>().WithName("DeleteWebhook").WithSummary("Remove a webhook and its delivery history.");

        group.MapGet("/{id:guid}/deliveries", async Task<Ok<Page<WebhookDeliveryDto>>> (Guid id, string? cursor, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(id, cursor, limit), ct)))
            .ForUseCase<ListWebhookDeliveriesQuery>().WithName("ListWebhookDeliveries").WithSummary("A webhook's deliveries, newest first, with status, attempts and last error.");
    

        group.MapPost("/{id:guid}/rotate-secret", async Task<Ok<RotateWebhookSecretResponse>> (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RotateWebhookSecretCommand(id), ct)))
            .ForUseCase<RotateWebhookSecretCommand>().WithName("RotateWebhookSecret").WithSummary("A new secret, shown once; the old one keeps signing for 24 h.");

        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", async Task<Accepted> (Guid id, Guid deliveryId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RedeliverWebhookDeliveryCommand(id, deliveryId), ct);
                return TypedResults.Accepted((string?)null);
            })
            .ForUseCase<RedeliverWebhookDeliveryCommand>().WithName("RedeliverWebhookDelivery").WithSummary("Send a delivery again with a fresh retry budget.");
    }
}
