using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using SalesAlign.Application.Common.Behaviors;
using SalesAlign.Application.Common.Telemetry;
using SalesAlign.Application.Features.Playbooks;
using SalesAlign.Application.Features.Tenancy;
using SalesAlign.Contracts.Tenancy;

namespace SalesAlign.Api.Tests;

/// <summary>
/// Every mediator request is one span named after its use case, under the HTTP request's span, tagged with the tenant
/// and the outcome, and traced even when validation or the policy refuses it (the telemetry behaviour runs first).
/// </summary>
[Collection(nameof(ApiHost))]
public sealed class TelemetryTests(ApiFactory factory)
{
    [Fact]
    public async Task An_api_call_is_a_span_named_after_its_use_case_under_the_request_span_with_tenant_and_outcome()
    {
        var (status, span) = await TracedGetAsync("/api/v1/t/acme/playbooks");

        status.ShouldBe(HttpStatusCode.OK);
        span.DisplayName.ShouldBe("ListPlaybooks");
        span.Source.Name.ShouldBe(UseCaseTelemetry.SourceName);
        span.GetTagItem(UseCaseTelemetry.TenantSlugTag).ShouldBe("acme");
        Guid.TryParse(span.GetTagItem(UseCaseTelemetry.TenantIdTag) as string, out _).ShouldBeTrue();
        span.GetTagItem(UseCaseTelemetry.OutcomeTag).ShouldBe("success");
        span.Status.ShouldBe(ActivityStatusCode.Unset);
        span.Events.ShouldBeEmpty();
        // Its parent is the HTTP request's span, itself the child of the caller's traceparent.
        span.ParentSpanId.ShouldNotBe(default);
        span.ParentSpanId.ToHexString().ShouldNotBe(CallerSpan.ToHexString());
    }

    [Fact]
    public async Task A_request_refused_by_validation_is_traced_with_its_outcome_and_the_exception()
    {
        var (status, span) = await TracedGetAsync("/api/v1/t/acme/playbooks?cursor=not-a-cursor");

        status.ShouldBe(HttpStatusCode.BadRequest);
        span.DisplayName.ShouldBe("ListPlaybooks");
        span.GetTagItem(UseCaseTelemetry.OutcomeTag).ShouldBe("invalid");
        span.Events.ShouldContain(e => e.Name == "exception");
        // A client's mistake is an outcome, not an error of ours.
        span.Status.ShouldBe(ActivityStatusCode.Unset);
    }

    [Fact]
    public async Task A_request_refused_by_its_policy_is_traced_too_whoever_sends_it()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        using var parent = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        parent.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        parent.Start();

        // Nobody signed in, no HTTP: only the mediator's own behaviours stand between this and the handler.
        await Should.ThrowAsync<SalesAlign.Application.Common.Errors.UnauthorizedException>(async () => await sender.Send(new GetTenantQuery()));
        parent.Stop();

        var span = factory.UseCaseSpans.OnlyIn(parent.TraceId);
        span.DisplayName.ShouldBe("GetTenant");
        span.GetTagItem(UseCaseTelemetry.OutcomeTag).ShouldBe("unauthorized");
        span.Events.ShouldContain(e => e.Name == "exception"
            && (string?)e.Tags.FirstOrDefault(t => t.Key == "exception.type").Value == typeof(SalesAlign.Application.Common.Errors.UnauthorizedException).FullName);
    }

    [Fact]
    public void The_telemetry_behaviour_is_first_in_the_pipeline()
    {
        using var scope = factory.Services.CreateScope();

        var commandPipeline = scope.ServiceProvider.GetServices<IPipelineBehavior<CreateTenantCommand, TenantDto>>().Select(b => b.GetType().Name).ToList();
        var queryPipeline = scope.ServiceProvider.GetServices<IPipelineBehavior<ListPlaybooksQuery, SalesAlign.Contracts.Common.Page<SalesAlign.Contracts.Playbooks.PlaybookSummaryDto>>>()
            .Select(b => b.GetType().Name).ToList();

        commandPipeline.ShouldBe(["TelemetryBehavior`2", "ValidationBehavior`2", "AuthorizationBehavior`2", "TransactionBehavior`2"]);
        queryPipeline.ShouldBe(["TelemetryBehavior`2", "ValidationBehavior`2", "AuthorizationBehavior`2"]);
        typeof(TelemetryBehavior<,>).Name.ShouldBe(commandPipeline[0]);
    }

    [Theory]
    [InlineData(typeof(SalesAlign.Application.Features.Proposals.UpdateProposalCommand), "UpdateProposal")]
    [InlineData(typeof(ListPlaybooksQuery), "ListPlaybooks")]
    public void A_use_case_is_named_without_its_message_kind(Type request, string name) =>
        UseCaseTelemetry.NameOf(request).ShouldBe(name);

    private static readonly ActivitySpanId CallerSpan = ActivitySpanId.CreateFromString("00f067aa0ba902b7");

    /// <summary>A GET as a demo member, in a trace of the caller's own (traceparent), and the one use-case span of that trace.</summary>
    private async Task<(HttpStatusCode Status, Activity Span)> TracedGetAsync(string url)
    {
        var client = await factory.ClientFor("val@acme.example");
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{CallerSpan.ToHexString()}-01");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, factory.UseCaseSpans.OnlyIn(trace));
    }
}

/// <summary>Keeps the use-case spans the tracer provider ends, to find one test's span by its trace id.</summary>
public sealed class UseCaseSpanRecorder : BaseProcessor<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public override void OnEnd(Activity data)
    {
        if (data.Source.Name != UseCaseTelemetry.SourceName)
            return;
        _spans.Enqueue(data);
        while (_spans.Count > 1_000 && _spans.TryDequeue(out _))
        {
        }
    }

    public Activity OnlyIn(ActivityTraceId trace) => _spans.Where(s => s.TraceId == trace).ShouldHaveSingleItem();
}
