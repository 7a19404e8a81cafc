using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WorkListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_assignments_unit_id_status",
                table: "assignments");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders",
                columns: new[] { "visit_attempts", "closed_at", "number" },
                filter: "\"status\" = 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_work_orders_open_completion_due",
                table: "work_orders",
                column: "completion_due_at",
                filter: "\"status\" IN ('Registered', 'Dispatched', 'InProgress', 'ReturnRequested', 'Replied')");

            migrationBuilder.CreateIndex(
                name: "ix_work_order_events_actor_id_work_order_id",
                table: "work_order_events",
                columns: new[] { "actor_id", "work_order_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assignments_unit_id_status_replied_at",
                table: "assignments",
                columns: new[] { "unit_id", "status", "replied_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_work_orders_closed_to_visit",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_orders_open_completion_due",
                table: "work_orders");

            migrationBuilder.DropIndex(
                name: "ix_work_order_events_actor_id_work_order_id",
                table: "work_order_events");

            migrationBuilder.DropIndex(
                name: "ix_assignments_unit_id_status_replied_at",
                table: "assignments");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_unit_id_status",
                table: "assignments",
                columns: new[] { "unit_id", "status" });
        }
    }
}
