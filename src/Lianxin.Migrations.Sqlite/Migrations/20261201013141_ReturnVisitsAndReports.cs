using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReturnVisitsAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders");

            migrationBuilder.AddColumn<DateTime>(
                name: "visit_deadline",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "visit_due_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "visit_required",
                table: "work_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "visit_sampled",
                table: "work_orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "visited_at",
                table: "work_orders",
                type: "TEXT",
                nullable: true);

            // Orders closed before visits were planned have no window: they wait under 逾期, so none is forgotten.
            migrationBuilder.Sql("UPDATE work_orders SET visit_required = 1, visit_due_at = closed_at, visit_deadline = closed_at WHERE status = 'Closed' AND visit_deadline IS NULL AND closed_at IS NOT NULL;");

            migrationBuilder.CreateTable(
                name: "briefings",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    generated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_briefings", x => x.day);
                });

            migrationBuilder.CreateTable(
                name: "daily_figures",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    abandoned = table.Column<int>(type: "INTEGER", nullable: false),
                    answered = table.Column<int>(type: "INTEGER", nullable: false),
                    answered_directly = table.Column<int>(type: "INTEGER", nullable: false),
                    answered_in15s = table.Column<int>(type: "INTEGER", nullable: false),
                    closed = table.Column<int>(type: "INTEGER", nullable: false),
                    completion_due = table.Column<int>(type: "INTEGER", nullable: false),
                    completion_on_time = table.Column<int>(type: "INTEGER", nullable: false),
                    ended = table.Column<int>(type: "INTEGER", nullable: false),
                    ended_first_time = table.Column<int>(type: "INTEGER", nullable: false),
                    final_basically_satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    final_rated = table.Column<int>(type: "INTEGER", nullable: false),
                    final_reached = table.Column<int>(type: "INTEGER", nullable: false),
                    final_satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    final_solved = table.Column<int>(type: "INTEGER", nullable: false),
                    merged = table.Column<int>(type: "INTEGER", nullable: false),
                    not_accepted = table.Column<int>(type: "INTEGER", nullable: false),
                    offered = table.Column<int>(type: "INTEGER", nullable: false),
                    received = table.Column<int>(type: "INTEGER", nullable: false),
                    redos = table.Column<int>(type: "INTEGER", nullable: false),
                    repeats = table.Column<int>(type: "INTEGER", nullable: false),
                    returns = table.Column<int>(type: "INTEGER", nullable: false),
                    short_abandons = table.Column<int>(type: "INTEGER", nullable: false),
                    sign_due = table.Column<int>(type: "INTEGER", nullable: false),
                    sign_on_time = table.Column<int>(type: "INTEGER", nullable: false),
                    unreachable = table.Column<int>(type: "INTEGER", nullable: false),
                    visit_due = table.Column<int>(type: "INTEGER", nullable: false),
                    visited = table.Column<int>(type: "INTEGER", nullable: false),
                    visits_basically_satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    visits_rated = table.Column<int>(type: "INTEGER", nullable: false),
                    visits_reached = table.Column<int>(type: "INTEGER", nullable: false),
                    visits_satisfied = table.Column<int>(type: "INTEGER", nullable: false),
                    visits_solved = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_daily_figures", x => new { x.dimension, x.key, x.day });
                });

            migrationBuilder.CreateTable(
                name: "figure_days",
                columns: table => new
                {
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    built_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    final = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_figure_days", x => x.day);
                });

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders",
                columns: new[] { "visit_required", "visit_deadline", "number" },
                filter: "\"status\" = 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_completion_due_at_all",
                table: "work_orders",
                column: "completion_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_visit_deadline",
                table: "work_orders",
                column: "visit_deadline");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_events_type_at",
                table: "work_order_events",
                columns: new[] { "type", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_at",
                table: "return_visits",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_sign_for_due_at",
                table: "assignments",
                column: "sign_for_due_at");

            migrationBuilder.CreateIndex(
                name: "ix_daily_figures_day_dimension",
                table: "daily_figures",
                columns: new[] { "day", "dimension" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "briefings");

            migrationBuilder.DropTable(
                name: "daily_figures");

            migrationBuilder.DropTable(
                name: "figure_days");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_completion_due_at_all",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_visit_deadline",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_order_events_type_at",
                table: "work_order_events");

            migrationBuilder.DropIndex(
                name: "ix_return_visits_at",
                table: "return_visits");

            migrationBuilder.DropIndex(
                name: "ix_assignments_sign_for_due_at",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "visit_deadline",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "visit_due_at",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "visit_required",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "visit_sampled",
                table: "work_orders");

            migrationBuilder.DropColumn(
                name: "visited_at",
                table: "work_orders");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders",
                columns: new[] { "visit_attempts", "closed_at", "number" },
                filter: "\"status\" = 'Closed'");
        }
    }
}
