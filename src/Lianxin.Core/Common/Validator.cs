namespace Lianxin.Core.Common;

/// <summary>Collects field errors with bilingual messages; throws them all at once.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<Text>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, Text message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    public Validator Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, new Text("必填。", "Required."));
        }

        return MaxLength(field, value, maxLength);
    }

    public Validator Required<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, new Text("必填。", "Required."));
        }

        return this;
    }

    public Validator Required(string field, object? value)
    {
        if (value is null)
        {
            Add(field, new Text("必填。", "Required."));
        }

        return this;
    }

    public Validator MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, new Text($"不能超过 {maxLength} 个字符（现有 {value.Length} 个）。", $"At most {maxLength} characters (got {value.Length})."));
        }

        return this;
    }

    public Validator Range(string field, int? value, int min, int max)
    {
        if (value is not null && (value < min || value > max))
        {
            Add(field, new Text($"应在 {min} 到 {max} 之间。", $"Must be between {min} and {max}."));
        }

        return this;
    }

    public Validator When(bool condition, string field, Text message) => condition ? Add(field, message) : this;

    /// <summary>An enum value as the API spells it (camelCase, any case; never a number); null when absent, else an error if unknown.</summary>
    public T? Enum<T>(string field, string? text)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text, out _) && System.Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", System.Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName));
        Add(field, new Text($"未知取值“{text}”，可选：{allowed}。", $"Unknown value '{text}'; use one of {allowed}."));
        return null;
    }

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
