using Lianxin.Core.Common;
using Lianxin.Core.Requesters;

namespace Lianxin.Core.Calls;

/// <summary>A number whose calls are turned away (骚扰号码): its newCall is answered <c>reject</c> / <c>busy</c>.</summary>
public sealed class BlockedNumber
{
    public const int MaxNoteLength = 200;

    private BlockedNumber()
    {
    }

    public BlockedNumber(string phone, string? note, Guid? createdBy, DateTime createdAt)
    {
        var normalized = ChinaPhone.Normalize(phone ?? "");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        new Validator()
            .When(string.IsNullOrEmpty(normalized), "phone", new Text("请填写号码。", "Enter a number."))
            .MaxLength("phone", normalized, 32)
            .MaxLength("note", note, MaxNoteLength)
            .ThrowIfInvalid();
        Phone = normalized!;
        Note = note;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public string Phone { get; private set; } = "";

    public string? Note { get; private set; }

    public Guid? CreatedBy { get; private set; }

    public DateTime CreatedAt { get; private set; }
}
