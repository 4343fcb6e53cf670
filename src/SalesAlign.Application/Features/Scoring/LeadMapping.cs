using FluentValidation;
using FluentValidation.Results;
using SalesAlign.Contracts.Scoring;
using SalesAlign.Domain.Scoring;
using SalesAlign.Application.Common.Wire;

namespace SalesAlign.Application.Features.Scoring;

/// <summary>Between the wire shapes of leads and scores and the engine's.</summary>
internal static class LeadMapping
{
    public static LeadData ToLeadData(this LeadDto dto) => new(
        dto.Fields ?? new Dictionary<string, System.Text.Json.JsonElement>(),
        dto.Events?.Select(e => new EngagementEvent(e.Type, e.OccurredAt)).ToList() ?? []);

    public static LeadScoreDto ToDto(this LeadScore score, string? externalId) => new(
        externalId,
        score.FitScore,
        score.FitGrade,
        score.EngagementScore,
        score.IsMql,
        score.IsSqlReady,
        WireName.Of(score.Route),
        score.SqlChecklist.Select(c => new SqlCheckDto(c.Id, c.Label, c.Passed)).ToList(),
        score.Explanation.Select(h => new RuleHitDto(WireName.Of(h.Kind), h.RuleId, h.Label, h.Fired, h.Points, h.Detail)).ToList());

    /// <summary>Binds every lead to the playbook; if any is invalid, fails naming each problem under its lead's path.</summary>
    public static BoundLead[] BindAll(this CompiledPlaybook playbook, IReadOnlyList<LeadDto> leads, string pathPrefix)
    {
        var bound = new BoundLead[leads.Count];
        var failures = new List<ValidationFailure>();
        for (var i = 0; i < leads.Count; i++)
        {
            var result = playbook.Bind(leads[i].ToLeadData());
            if (result.Lead is { } lead)
                bound[i] = lead;
            else
                failures.AddRange(result.Problems.Select(p => new ValidationFailure(PathOf(pathPrefix, i, leads.Count) + p.Path, p.Message) { ErrorCode = "lead.invalid" }));
        }
        return failures.Count == 0 ? bound : throw new ValidationException(failures);
    }

    /// <summary>Scores a request's lead or batch with the explanation: the one path of the sandbox and the scoring route.</summary>
    public static ScoreLeadsResponse Score(this CompiledPlaybook playbook, string contentHash, ScoreLeadsRequest request, DateTimeOffset now)
    {
        var leads = request.Leads ?? [request.Lead!];
        var bound = playbook.BindAll(leads, request.Leads is null ? "/lead" : "/leads");
        var asOf = request.AsOf ?? now;
        var results = new LeadScoreDto[bound.Length];
        for (var i = 0; i < bound.Length; i++)
            results[i] = playbook.Explain(bound[i], asOf).ToDto(leads[i].ExternalId);
        return new ScoreLeadsResponse(contentHash, asOf, results);
    }

    /// <summary>The rules every score request obeys: one lead or a batch of 1 to <see cref="MaxBatch"/>.</summary>
    public static void AddScoreRequestRules<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, ScoreLeadsRequest>> request)
    {
        validator.RuleFor(request)
            .Must(r => r.Lead is not null ^ r.Leads is not null)
            .OverridePropertyName("")
            .WithErrorCode("request.lead_or_leads")
            .WithMessage("Send either 'lead' (one lead) or 'leads' (a batch), not both and not neither.");
        validator.RuleFor(request)
            .Must(r => r.Leads is null || r.Leads.Count is > 0 and <= MaxBatch)
            .OverridePropertyName("/leads")
            .WithErrorCode("request.batch_size")
            .WithMessage($"A batch holds 1 to {MaxBatch:N0} leads.");
    }

    public const int MaxBatch = 1000;

    private static string PathOf(string prefix, int index, int count) => prefix == "/lead" && count == 1 ? prefix : $"{prefix}/{index}";

}
