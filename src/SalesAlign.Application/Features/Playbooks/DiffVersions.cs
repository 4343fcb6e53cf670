using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SalesAlign.Application.Common.Abstractions;
using SalesAlign.Application.Common.Errors;
using SalesAlign.Application.Common.Security;
using SalesAlign.Contracts.Playbooks;
using SalesAlign.Contracts.Security;
using SalesAlign.Domain.Playbooks.Diff;

namespace SalesAlign.Application.Features.Playbooks;

/// <summary>What changed from version <c>From</c> to version <c>To</c>, in words both teams read.</summary>
[RequiresPermission(Permissions.Playbooks.Read)]
public sealed record DiffVersionsQuery(Guid PlaybookId, int From, int To) : IQuery<DiffDto>;

internal sealed class DiffVersionsValidator : AbstractValidator<DiffVersionsQuery>
{
    public DiffVersionsValidator()
    {
        RuleFor(q => q.From).GreaterThan(0).OverridePropertyName("/a");
        RuleFor(q => q.To).GreaterThan(0).OverridePropertyName("/b");
    }
}

internal sealed class DiffVersionsHandler(IAppDbContext db) : IQueryHandler<DiffVersionsQuery, DiffDto>
{
    public async ValueTask<DiffDto> Handle(DiffVersionsQuery query, CancellationToken cancellationToken)
    {
        int[] numbers = [query.From, query.To];
        var versions = await db.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == query.PlaybookId && numbers.Contains(v.Number))
            .ToDictionaryAsync(v => v.Number, v => v.DocumentJson, cancellationToken);
        foreach (var number in numbers.Where(n => !versions.ContainsKey(n)))
            throw new NotFoundException("Version", $"{query.PlaybookId}/v{number}");

        var changes = DocumentDiff.Compare(PlaybookMapping.ReadDocument(versions[query.From]), PlaybookMapping.ReadDocument(versions[query.To]));
        return new DiffDto($"v{query.From}", $"v{query.To}", changes.Select(c => c.ToDto()).ToList());
    }
}
