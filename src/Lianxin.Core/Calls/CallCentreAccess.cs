using Lianxin.Core.Common;
using Lianxin.Core.Identity;

namespace Lianxin.Core.Calls;

/// <summary>Who may see and do what in the call centre: centre staff read the log and the board; agents take calls and callbacks.</summary>
public static class CallCentreAccess
{
    public static void RequireReader(Actor actor) =>
        actor.Require(Roles.CentreStaff, new Text("查看话务数据", "see the call-centre figures"));

    public static void RequireAgent(Actor actor) =>
        actor.Require(Role.Agent | Role.Supervisor, new Text("处理漏接回拨", "work the callback list"));

    public static void RequireManager(Actor actor) =>
        actor.Require(Role.Admin | Role.Supervisor, new Text("维护话务设置", "manage the call centre"));
}
