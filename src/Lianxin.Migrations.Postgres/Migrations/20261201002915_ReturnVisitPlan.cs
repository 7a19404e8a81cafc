using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ReturnVisitPlan : Migration
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "visit_due_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "visit_required",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "visit_sampled",
                table: "work_orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "visited_at",
                table: "work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders",
                columns: new[] { "visit_required", "visit_deadline", "number" },
                filter: "\"status\" = 'Closed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders");

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
