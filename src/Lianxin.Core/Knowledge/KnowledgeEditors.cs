using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Knowledge;

/// <summary>
/// Who keeps the knowledge base and the common phrases: admins, and supervisors (值班长). A centre posts
/// today's outage notice or a changed fee the moment it learns of it, often at night when no admin is
/// on duty, and the shift leader is the one who knows; everyone signed in reads (ADR 0012).
/// </summary>
public static class KnowledgeEditors
{
    public const Role Roles = Role.Admin | Role.Supervisor;

    public static bool CanEdit(Actor actor) => actor.Has(Roles);

    public static void Require(Actor actor, Text action) => actor.Require(Roles, action);
}
