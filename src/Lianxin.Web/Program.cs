using Lianxin.Web.Api;
using Lianxin.Web.Calendars;
using Lianxin.Web.Calls;
using Lianxin.Web.Components;
using Lianxin.Web.Clusters;
using Lianxin.Web.Data;
using Lianxin.Web.Deadlines;
using Lianxin.Web.Demo;
using Lianxin.Web.Dispatch;
using Lianxin.Web.Identity;
using Lianxin.Web.Knowledge;
using Lianxin.Web.Notifications;
using Lianxin.Web.Organization;
using Lianxin.Web.Repeats;
using Lianxin.Web.Reports;
using Lianxin.Web.Requesters;
using Lianxin.Web.ReturnVisits;
using Lianxin.Web.Routing;
using Lianxin.Web.Staffing;
using Lianxin.Web.Supervision;
using Lianxin.Web.WorkOrders;

var builder = WebApplication.CreateBuilder(args);
// Serve static web assets (app.css, _content/…, _framework/…) from the build output in every environment,
// not only Development: `dotnet run` runs as Production here. A no-op in a publish, which has them in wwwroot.
builder.WebHost.UseStaticWebAssets();
builder.AddLianxinDatabase();
builder.AddLianxinApi();
builder.AddIdentity();
builder.AddOrganization();
builder.AddDeadlines();
builder.AddWorkOrders();
builder.AddDispatch();
builder.AddRouting();
builder.AddRepeats();
builder.AddReturnVisits();
builder.AddSupervision();
builder.AddKnowledge();
builder.AddCallCentre();
builder.AddStaffing();
builder.AddCallConsole();
builder.AddReports();
builder.AddDemo();
builder.AddConsole();

var app = builder.Build();
app.UseLianxinApi();
app.MapAuthEndpoints();
app.MapUserEndpoints();
app.MapTreeEndpoints();
app.MapUnitGroupEndpoints();
app.MapTreeCsvEndpoints();
app.MapWorkOrderEndpoints();
app.MapDispatchEndpoints();
app.MapHelpRequestEndpoints();
app.MapReturnReasonEndpoints();
app.MapReturnVisitEndpoints();
app.MapSupervisionEndpoints();
app.MapCalendarEndpoints();
app.MapDeadlineEndpoints();
app.MapNotificationEndpoints();
app.MapRoutingEndpoints();
app.MapRepeatEndpoints();
app.MapRequesterEndpoints();
app.MapClusterEndpoints();
app.MapStaffingEndpoints();
app.MapRosterEndpoints();
app.MapKnowledgeEndpoints();
app.MapCallCentreEndpoints();
app.MapCallKpiEndpoints();
app.MapReportEndpoints();
app.MapPageEndpoints();
app.MapConsole();

await app.PrepareAsync();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
