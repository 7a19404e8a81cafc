using System.Security.Claims;
using Lianxin.Core.Common;
using Lianxin.Core.Data;
using Lianxin.Core.Identity;
using Lianxin.Core.Organization;
using Lianxin.Core.WorkOrders;
using Lianxin.Web.Api;
using Lianxin.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lianxin.Web.WorkOrders;

/// <summary>Intake and reading: registering, answering on the call, refusing; one order, its history, the list and its export.</summary>
public static class WorkOrderEndpoints
{
    public static IEndpointRouteBuilder MapWorkOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrderGroup();
        orders.MapPost("/", Register).WithIdempotency()
            .WithSummary("Register an order (受理)").WithDescription("agent, dispatcher or supervisor. Answers 201 with the order and a Location header.");
        orders.MapGet("/", List).WithSummary("List orders, newest first, keyset-paged")
            .WithDescription("Filters: status, unitId, q (number prefix, or text in title/description/address), phone, categoryId, regionCode, demandType, urgency, channel, from/to (yyyy-MM-dd in the centre's time zone, or ISO 8601 instants; `to` dates are inclusive). A unit's handlers see only their unit's orders.");
        orders.MapGet("/export.csv", Export).Produces(200, contentType: "text/csv")
            .WithSummary("Export the listed orders as CSV (导出), with the list's filters")
            .WithDescription("UTF-8 with BOM for spreadsheets; column names in Chinese (English with Accept-Language: en). At most 10,000 rows, newest first; when cut short the response carries X-Lianxin-Truncated: true. A unit's handlers export only their unit's orders, with confidential requesters masked; cells starting with =, +, - or @ are prefixed with an apostrophe.");
        orders.MapGet("/export.xlsx", ExportXlsx).Produces(200, contentType: Reports.Xlsx.ContentType)
            .WithSummary("Export the listed orders as an Excel workbook (.xlsx), with the list's filters and the CSV's columns")
            .WithDescription("The same rows, columns, limit (X-Lianxin-Truncated) and masking as export.csv; one sheet 工单 (Orders).");
        orders.MapGet("/{id:guid}", Get).WithSummary("One order with its assignments and pending requests; ETag is its version");
        orders.MapGet("/{id:guid}/history", History).WithSummary("The order's immutable history, oldest first");
        orders.MapOrderAction<AnswerWorkOrderDirectly, AnswerRequest>("answer-directly", "Answer on the call and close (直接答复); agent or dispatcher");
        orders.MapOrderAction<NotAcceptWorkOrder, NotAcceptRequest>("not-accept", "Refuse as out of scope (不予受理); agent or dispatcher");
        return app;
    }

    private static async Task<Created<WorkOrderResponse>> Register(
        CreateWorkOrderRequest request, HttpContext http, ClaimsPrincipal principal, RegisterWorkOrder register, Responses responses, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var order = await register.ExecuteAsync(actor, request, ct);
        var body = await responses.OrderAsync(http, order, actor, ct);
        return TypedResults.Created($"/api/v1/work-orders/{order.Id}", body.Value);
    }

    private static async Task<Ok<WorkOrderResponse>> Get(Guid id, HttpContext http, ClaimsPrincipal principal, GetWorkOrder get, Responses responses, CancellationToken ct)
    {
        var actor = principal.ToActor();
        var order = await get.ExecuteAsync(id, actor, ct);
        return await responses.OrderAsync(http, order, actor, ct);
    }

    private static async Task<Ok<List<HistoryEventResponse>>> History(
        Guid id, ClaimsPrincipal principal, GetWorkOrder get, ReferenceData refs, LianxinDbContext db, CancellationToken ct)
    {
        var events = await get.HistoryAsync(id, principal.ToActor(), ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(events.Select(e => HistoryEventResponse.From(e, snapshot)).ToList());
    }

    private static async Task<Ok<Page<WorkOrderListItem>>> List(
        ClaimsPrincipal principal, ListWorkOrders list, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? status = null, Guid? unitId = null, string? q = null, string? from = null, string? to = null, Guid? categoryId = null,
        string? regionCode = null, string? demandType = null, string? urgency = null, string? channel = null, string? phone = null,
        string? deadline = null, int? limit = null, string? cursor = null)
    {
        var v = new Validator();
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = new OrderListQuery(status, unitId, q, from, to, categoryId, regionCode, demandType, urgency, channel, phone, deadline).Parse(v, centre.Value.Zone, now);
        v.Range("limit", limit, 1, ListWorkOrders.MaxLimit);
        v.ThrowIfInvalid();
        var actor = principal.ToActor();
        var page = await list.ExecuteAsync(filter, actor, limit ?? 50, cursor, ct);
        var snapshot = await refs.GetAsync(db, ct);
        return TypedResults.Ok(new Page<WorkOrderListItem>(page.Items.Select(s => WorkOrderListItem.From(s, snapshot, now)).ToList(), page.NextCursor));
    }

    private static async Task<IResult> Export(
        HttpContext http, ClaimsPrincipal principal, ListWorkOrders list, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? status = null, Guid? unitId = null, string? q = null, string? from = null, string? to = null, Guid? categoryId = null,
        string? regionCode = null, string? demandType = null, string? urgency = null, string? channel = null, string? phone = null,
        string? deadline = null)
    {
        var query = new OrderListQuery(status, unitId, q, from, to, categoryId, regionCode, demandType, urgency, channel, phone, deadline);
        var (rows, name) = await ExportRowsAsync(http, principal, list, refs, db, centre.Value, clock, query, ct);
        var csv = Csv.Write(rows, guardFormulas: true);
        var body = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray();
        return TypedResults.File(body, "text/csv; charset=utf-8", name + ".csv");
    }

    private static async Task<IResult> ExportXlsx(
        HttpContext http, ClaimsPrincipal principal, ListWorkOrders list, ReferenceData refs, LianxinDbContext db, IOptions<CentreOptions> centre, TimeProvider clock, CancellationToken ct,
        string? status = null, Guid? unitId = null, string? q = null, string? from = null, string? to = null, Guid? categoryId = null,
        string? regionCode = null, string? demandType = null, string? urgency = null, string? channel = null, string? phone = null,
        string? deadline = null)
    {
        var query = new OrderListQuery(status, unitId, q, from, to, categoryId, regionCode, demandType, urgency, channel, phone, deadline);
        var (rows, name) = await ExportRowsAsync(http, principal, list, refs, db, centre.Value, clock, query, ct);
        var header = rows[0];
        var sheet = new Reports.XlsxSheet(
            Components.Ui.EnglishForApi(http) ? "Orders" : "工单",
            [.. header.Select(h => new Reports.XlsxColumn(h, Reports.XlsxKind.Text, h is "标题" or "Title" or "问题分类" or "Category" ? 30 : 0))],
            rows.Skip(1).Select(r => (IReadOnlyList<object?>)[.. r]));
        return Reports.Xlsx.File(Reports.Xlsx.Write([sheet]), name + ".xlsx");
    }

    /// <summary>The export's rows (header first) with the list's filters, cut at the limit (said in a header), and the file's name without extension.</summary>
    private static async Task<(List<IReadOnlyList<string>> Rows, string Name)> ExportRowsAsync(
        HttpContext http, ClaimsPrincipal principal, ListWorkOrders list, ReferenceData refs, LianxinDbContext db, CentreOptions centre, TimeProvider clock,
        OrderListQuery query, CancellationToken ct)
    {
        var v = new Validator();
        var now = clock.GetUtcNow().UtcDateTime;
        var filter = query.Parse(v, centre.Zone, now);
        v.ThrowIfInvalid();
        var rows = await list.ExportAsync(filter, principal.ToActor(), ct);
        if (rows.Count > ListWorkOrders.MaxExport)
        {
            // Cut short: said in a header, so a spreadsheet full of rows is not mistaken for all of them.
            rows.RemoveAt(rows.Count - 1);
            http.Response.Headers["X-Lianxin-Truncated"] = "true";
        }

        var snapshot = await refs.GetAsync(db, ct);
        var lines = WorkOrderExport.Rows(rows, snapshot, centre.Zone, Components.Ui.EnglishForApi(http)).ToList();
        return (lines, $"work-orders-{LocalTime.Format(now, centre.Zone, "yyyyMMdd-HHmm")}");
    }
}

/// <summary>Builds order responses: names and paths from the reference snapshot, masking, ETag.</summary>
public sealed class Responses(ReferenceData refs, LianxinDbContext db, TimeProvider clock)
{
    public async Task<Ok<WorkOrderResponse>> OrderAsync(HttpContext http, WorkOrder order, Actor actor, CancellationToken ct)
    {
        var snapshot = await refs.GetAsync(db, ct);
        http.Response.Headers.ETag = Versions.ETag(order.Version);
        return TypedResults.Ok(WorkOrderResponse.From(order, actor, snapshot, clock.GetUtcNow().UtcDateTime));
    }
}
