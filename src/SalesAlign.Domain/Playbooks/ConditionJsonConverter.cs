using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesAlign.Domain.Playbooks;

/// <summary>
/// Reads and writes the compact condition syntax. A hand-written converter keeps the JSON readable for
/// people (<c>{"field":"title","op":"eq","value":"CMO"}</c>) where a type discriminator would not.
/// </summary>
public sealed class ConditionJsonConverter : JsonConverter<Condition>
{
    public override Condition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A condition must be an object: {\"all\":[…]}, {\"any\":[…]}, {\"not\":{…}} or {\"field\":…,\"op\":…,\"value\":…}.");

        string? field = null;
        ComparisonOperator? op = null;
        JsonElement? value = null;
        Condition? composite = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "all":
                    composite = new AllCondition(ReadList(ref reader, options));
                    break;
                case "any":
                    composite = new AnyCondition(ReadList(ref reader, options));
                    break;
                case "not":
                    composite = new NotCondition(Read(ref reader, typeToConvert, options));
                    break;
                case "field":
                    field = reader.TokenType == JsonTokenType.String
                        ? reader.GetString()
                        : throw new JsonException("'field' must be a string naming a declared field.");
                    break;
                case "op":
                    op = reader.TokenType == JsonTokenType.String && TryParseOperator(reader.GetString()!, out var parsed)
                        ? parsed
                        : throw new JsonException($"'op' must be one of {string.Join(", ", OperatorNames)}.");
                    break;
                case "value":
                    value = JsonElement.ParseValue(ref reader);
                    break;
                default:
                    throw new JsonException($"Unknown condition property '{name}'.");
            }
        }

        if (composite is not null)
        {
            return field is null && op is null && value is null
                ? composite
                : throw new JsonException("A condition is either a group (all/any/not) or a comparison, not both.");
        }

        if (field is null || op is null)
            throw new JsonException("A comparison needs 'field' and 'op'.");
        return new ComparisonCondition(field, op.Value, value);
    }

    private List<Condition> ReadList(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("'all' and 'any' take an array of conditions.");
        var list = new List<Condition>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            list.Add(Read(ref reader, typeof(Condition), options));
        return list;
    }

    public override void Write(Utf8JsonWriter writer, Condition value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        switch (value)
        {
            case AllCondition all:
                WriteList(writer, "all", all.Conditions, options);
                break;
            case AnyCondition any:
                WriteList(writer, "any", any.Conditions, options);
                break;
            case NotCondition not:
                writer.WritePropertyName("not");
                Write(writer, not.Condition, options);
                break;
            case ComparisonCondition cmp:
                writer.WriteString("field", cmp.Field);
                writer.WriteString("op", OperatorName(cmp.Op));
                if (cmp.Value is { } v)
                {
                    writer.WritePropertyName("value");
                    v.WriteTo(writer);
                }
                break;
            default:
                throw new JsonException($"Unsupported condition type {value.GetType().Name}.");
        }
        writer.WriteEndObject();
    }

    private void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<Condition> conditions, JsonSerializerOptions options)
    {
        writer.WriteStartArray(name);
        foreach (var c in conditions)
            Write(writer, c, options);
        writer.WriteEndArray();
    }

    private static readonly string[] OperatorNames =
        Enum.GetValues<ComparisonOperator>().Select(OperatorName).ToArray();

    public static string OperatorName(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Eq => "eq",
        ComparisonOperator.Neq => "neq",
        ComparisonOperator.In => "in",
        ComparisonOperator.NotIn => "notIn",
        ComparisonOperator.Gt => "gt",
        ComparisonOperator.Gte => "gte",
        ComparisonOperator.Lt => "lt",
        ComparisonOperator.Lte => "lte",
        ComparisonOperator.Between => "between",
        ComparisonOperator.Contains => "contains",
        ComparisonOperator.Exists => "exists",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool TryParseOperator(string name, out ComparisonOperator op)
    {
        var index = Array.IndexOf(OperatorNames, name);
        op = (ComparisonOperator)Math.Max(index, 0);
        return index >= 0;
    }
}
