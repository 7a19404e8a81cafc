using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lianxin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    region_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    lead_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assist_unit_ids = table.Column<string>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    deactivated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_rules_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_rules_regions_region_id",
                        column: x => x.region_id,
                        principalTable: "regions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_rules_units_lead_unit_id",
                        column: x => x.lead_unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "routing_decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    work_order_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    suggested_unit_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    rule_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    chosen_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    taken = table.Column<bool>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_decisions_categories_category_id",
                        column: x => x.category_id,
                        principalTable: "categories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_decisions_routing_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "routing_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_routing_decisions_work_orders_work_order_id",
                        column: x => x.work_order_id,
                        principalTable: "work_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_at",
                table: "routing_decisions",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_category_id",
                table: "routing_decisions",
                column: "category_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_rule_id",
                table: "routing_decisions",
                column: "rule_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_decisions_work_order_id",
                table: "routing_decisions",
                column: "work_order_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_category_id_region_id",
                table: "routing_rules",
                columns: new[] { "category_id", "region_id" });

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_lead_unit_id",
                table: "routing_rules",
                column: "lead_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_region_id",
                table: "routing_rules",
                column: "region_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "routing_decisions");

            migrationBuilder.DropTable(
                name: "routing_rules");
        }
    }
}
