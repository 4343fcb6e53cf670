using FluentValidation;
using Mediator;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Scoring;

/// <summary>Scores leads against the built-in sample playbook: the sandbox a newcomer can try without an account.</summary>
public sealed record ScoreSampleLeadsQuery(ScoreLeadsRequest Request) : IQuery<ScoreLeadsResponse>;

internal sealed class ScoreSampleLeadsValidator : AbstractValidator<ScoreSampleLeadsQuery>
{
    public const int MaxBatch = 1000;

    public ScoreSampleLeadsValidator()
    {
        RuleFor(q => q.Request)
            .Must(r => r.Lead is not null ^ r.Leads is not null)
            .OverridePropertyName("")
            .WithErrorCode("request.lead_or_leads")
            .WithMessage("Send either 'lead' (one lead) or 'leads' (a batch), not both and not neither.");
        RuleFor(q => q.Request.Leads)
            .Must(l => l is null || l.Count is > 0 and <= MaxBatch)
            .OverridePropertyName("/leads")
            .WithErrorCode("request.batch_size")
            .WithMessage($"A batch holds 1 to {MaxBatch:N0} leads.");
    }
}

internal sealed class ScoreSampleLeadsHandler(TimeProvider clock) : IQueryHandler<ScoreSampleLeadsQuery, ScoreLeadsResponse>
{
    private static readonly Lazy<(CompiledPlaybook Playbook, string Hash)> Sample = new(() =>
    {
        var document = SamplePlaybooks.B2BSaas();
        return (CompiledPlaybook.Compile(document), PlaybookJson.ContentHash(document));
    });

    public ValueTask<ScoreLeadsResponse> Handle(ScoreSampleLeadsQuery query, CancellationToken cancellationToken)
    {
        var (playbook, hash) = Sample.Value;
        var request = query.Request;
        var leads = request.Leads ?? [request.Lead!];
        var bound = playbook.BindAll(leads, request.Leads is null ? "/lead" : "/leads");
        var asOf = request.AsOf ?? clock.GetUtcNow();

        var results = new LeadScoreDto[bound.Length];
        for (var i = 0; i < bound.Length; i++)
            results[i] = playbook.Explain(bound[i], asOf).ToDto(leads[i].ExternalId);
        return ValueTask.FromResult(new ScoreLeadsResponse(hash, asOf, results));
    }
}
