namespace SalesAlign.Domain.Playbooks.Validation;

/// <summary>
/// Stable codes of document problems. Integrators and the UI branch on these, so a code is never renamed;
/// messages may be reworded at any time.
/// </summary>
public static class PlaybookErrorCodes
{
    public const string JsonInvalid = "json.invalid";
    public const string SchemaVersionUnsupported = "schema.version_unsupported";

    public const string ApprovalNone = "approval.none";
    public const string ApprovalSectionUnknown = "approval.section_unknown";
    public const string KeyEmpty = "key.empty";
    public const string KeyInvalid = "key.invalid";
    public const string KeyDuplicate = "key.duplicate";
    public const string FieldReservedKey = "field.reserved_key";
    public const string LabelEmpty = "label.empty";
    public const string LabelTooLong = "label.too_long";
    public const string DescriptionTooLong = "description.too_long";
    public const string ListTooFew = "list.too_few";
    public const string ListTooMany = "list.too_many";

    public const string AllowedValuesMissing = "field.allowed_values_missing";
    public const string AllowedValuesNotAllowed = "field.allowed_values_not_allowed";
    public const string AllowedValuesTooMany = "field.allowed_values_too_many";
    public const string AllowedValueEmpty = "field.allowed_value_empty";
    public const string AllowedValueDuplicate = "field.allowed_value_duplicate";

    public const string ConditionMissing = "condition.missing";
    public const string ConditionEmpty = "condition.empty";
    public const string ConditionTooDeep = "condition.too_deep";
    public const string ConditionTooLarge = "condition.too_large";
    public const string FieldUnknown = "field.unknown";
    public const string OperandNotAllowed = "operand.not_allowed";
    public const string OperatorNotSupported = "operator.not_supported";
    public const string ValueMissing = "value.missing";
    public const string ValueUnexpected = "value.unexpected";
    public const string ValueTypeMismatch = "value.type_mismatch";
    public const string ValueNotFinite = "value.not_finite";
    public const string ValueInvalidDate = "value.invalid_date";
    public const string ValueTooLong = "value.too_long";
    public const string ValueEmpty = "value.empty";
    public const string ValueChoiceUnknown = "value.choice_unknown";
    public const string ValueListEmpty = "value.list_empty";
    public const string ValueListTooLong = "value.list_too_long";
    public const string ValueRangeSize = "value.range_size";
    public const string ValueRangeReversed = "value.range_reversed";

    public const string NumberNotFinite = "number.not_finite";
    public const string NumberOutOfRange = "number.out_of_range";
    public const string PointsZero = "points.zero";

    public const string BandsEmptyRange = "bands.empty_range";
    public const string BandsGap = "bands.gap";
    public const string BandsOverlap = "bands.overlap";

    public const string EventTypeUnknown = "event_type.unknown";
    public const string DecayEmpty = "decay.empty";

    public const string StageUnknown = "stage.unknown";
    public const string HandoffMissing = "stages.handoff_missing";
    public const string HandoffMultiple = "stages.handoff_multiple";
    public const string HandoffLast = "stages.handoff_last";
    public const string NoSalesStageAfterHandoff = "stages.no_sales_after_handoff";
    public const string RejectedStageAfterHandoff = "handoff.rejected_stage_after_handoff";
    public const string TargetNotConsecutive = "targets.not_consecutive";
}
