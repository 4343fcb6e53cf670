using FluentValidation;
using Mediator;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Playbooks;
using SalesAlign.Domain.Samples;
using SalesAlign.Domain.Scoring;

namespace SalesAlign.Application.Features.Scoring;

/// <summary>Scores leads against the built-in sample playbook: the sandbox a newcomer can try without an account.</summary>
[AllowAnonymousRequest]
public sealed record ScoreSampleLeadsQuery(ScoreLeadsRequest Request) : IQuery<ScoreLeadsResponse>;

internal sealed class ScoreSampleLeadsValidator : AbstractValidator<ScoreSampleLeadsQuery>
{
    public ScoreSampleLeadsValidator() => this.AddScoreRequestRules(q => q.Request);
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
        return ValueTask.FromResult(playbook.Score(hash, query.Request, clock.GetUtcNow()));
    }
}
