using Lianxin.Web.Api;
using Lianxin.Web.Calendars;
using Lianxin.Web.Clusters;
using Lianxin.Web.Deadlines;
using Lianxin.Web.Dispatch;
using Lianxin.Web.Data;
using Lianxin.Web.Identity;
using Lianxin.Web.Notifications;
using Lianxin.Web.Organization;
using Lianxin.Web.Routing;
using Lianxin.Web.Repeats;
using Lianxin.Web.Requesters;
using Lianxin.Web.WorkOrders;

var builder = WebApplication.CreateBuilder(args);
builder.AddLianxinDatabase();
builder.AddLianxinApi();
builder.AddLianxinAuth();
builder.AddLianxinRepeats();

var app = builder.Build();
app.UseLianxinApi();
app.MapAuthEndpoints();
app.MapUserEndpoints();
app.MapTreeEndpoints();
app.MapUnitGroupEndpoints();
app.MapTreeCsvEndpoints();
app.MapWorkOrderEndpoints();
app.MapCalendarEndpoints();
app.MapDeadlineEndpoints();
app.MapNotificationEndpoints();
app.MapDispatchEndpoints();
app.MapRoutingEndpoints();
app.MapRepeatEndpoints();
app.MapRequesterEndpoints();
app.MapClusterEndpoints();
app.MapPageEndpoints();
app.MapStaffPages();

await app.PrepareAsync();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
