using FluentValidation;
using SalesAlign.Domain.Playbooks;

namespace SalesAlign.Application.Playbooks;

/// <summary>
/// Checks a playbook document and reports every problem at once, each at its JSON Pointer (the failure's
/// PropertyName) with a stable code (its ErrorCode), so people can fix a draft in one pass.
/// </summary>
/// <remarks>
/// Most rules relate one part of the document to another (a condition to the declared fields, bands to each
/// other), so each section is one custom rule over the whole document rather than a chain of property rules.
/// </remarks>
public sealed class PlaybookDocumentValidator : AbstractValidator<PlaybookDocument>
{
    public PlaybookDocumentValidator()
    {
        ClassLevelCascadeMode = CascadeMode.Continue;
        RuleLevelCascadeMode = CascadeMode.Continue;

        RuleFor(d => d.SchemaVersion)
            .Equal(PlaybookDocument.CurrentSchemaVersion)
            .OverridePropertyName("/schemaVersion")
            .WithErrorCode(PlaybookErrorCodes.SchemaVersionUnsupported)
            .WithMessage(d => $"This document uses schema version {d.SchemaVersion}; this version of SalesAlign reads version {PlaybookDocument.CurrentSchemaVersion}.");

        Section((doc, sink) =>
        {
            VocabularyRules.CheckFields(sink, doc.Fields);
            VocabularyRules.CheckEventTypes(sink, doc.EventTypes);
        });
        Section((doc, sink) =>
        {
            var conditions = new ConditionChecker(sink, doc);
            IcpRules.CheckCriteria(sink, conditions, doc.Icp?.Criteria);
            IcpRules.CheckGradeBands(sink, doc.Icp?.GradeBands);
            QualificationRules.CheckEngagementRules(sink, doc.Scoring?.Rules, doc.EventTypes);
            QualificationRules.CheckMql(sink, conditions, doc.Mql);
            QualificationRules.CheckSql(sink, conditions, doc.Sql?.Checklist);
        });
        Section((doc, sink) =>
        {
            FunnelRules.CheckStages(sink, doc.Stages);
            FunnelRules.CheckHandoff(sink, doc.Handoff, doc.Stages);
            FunnelRules.CheckTargets(sink, doc.Targets, doc.Stages);
        });
        Section((doc, sink) => ApprovalRules.CheckApproval(sink, doc.Approval));
    }

    private void Section(Action<PlaybookDocument, ProblemSink> check) =>
        RuleFor(d => d).Custom((doc, context) => check(doc, new ProblemSink(context)));
}
