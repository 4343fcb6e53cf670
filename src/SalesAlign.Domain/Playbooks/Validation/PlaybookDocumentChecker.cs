using System.Globalization;

namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>
/// Checks a playbook document's meaning and reports every problem at once, each at its JSON Pointer with a
/// stable code from <see cref="PlaybookErrorCodes"/>, so people can fix a draft in one pass.
/// </summary>
/// <remarks>
/// Most rules relate one part of the document to another (a condition to the declared fields, bands to each
/// other), so each section is checked over the whole document. The order of the problems is the order of
/// the checks below: schema version, vocabulary, ICP and qualification, funnel, approval.
/// </remarks>
public static class PlaybookDocumentChecker
{
    public static IReadOnlyList<DocumentValidationProblem> Check(PlaybookDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sink = new ProblemSink();

        if (document.SchemaVersion != PlaybookDocument.CurrentSchemaVersion)
        {
            sink.Add("/schemaVersion", PlaybookErrorCodes.SchemaVersionUnsupported, string.Create(CultureInfo.InvariantCulture,
                $"This document uses schema version {document.SchemaVersion}; this version of SalesAlign reads version {PlaybookDocument.CurrentSchemaVersion}."));
        }

        VocabularyRules.CheckFields(sink, document.Fields);
        VocabularyRules.CheckEventTypes(sink, document.EventTypes);

        var conditions = new ConditionChecker(sink, document);
        IcpRules.CheckCriteria(sink, conditions, document.Icp?.Criteria);
        IcpRules.CheckGradeBands(sink, document.Icp?.GradeBands);
        QualificationRules.CheckEngagementRules(sink, document.Scoring?.Rules, document.EventTypes);
        QualificationRules.CheckMql(sink, conditions, document.Mql);
        QualificationRules.CheckSql(sink, conditions, document.Sql?.Checklist);

        FunnelRules.CheckStages(sink, document.Stages);
        FunnelRules.CheckHandoff(sink, document.Handoff, document.Stages);
        FunnelRules.CheckTargets(sink, document.Targets, document.Stages);

        ApprovalRules.CheckApproval(sink, document.Approval);
        return sink.Problems;
    }
}
