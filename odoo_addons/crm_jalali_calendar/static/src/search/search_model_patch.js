/**
 * Date filters of the search panel cut periods at Jalali month and year boundaries
 * for users of a Jalali language, and "compare to previous period / year" compares
 * with the previous Jalali ones. Custom ranges ("custom_*" options) and comparisons
 * saved in favorites stay as Odoo computes or stored them.
 */
import { SearchModel } from "@web/search/search_model";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { constructJalaliDateDomain, jalaliOptionDescription } from "./jalali_period";

const isJalaliPeriod = (generatorIds) =>
    jalaliSettings.calendar && !generatorIds.some((id) => id.startsWith("custom"));

patch(SearchModel.prototype, {
    /** The filter menu's month and year options, named as the periods they filter. */
    _enrichItem(searchItem) {
        const item = super._enrichItem(searchItem);
        if (!jalaliSettings.calendar || item?.type !== "dateFilter" || !item.options) {
            return item;
        }
        item.options = item.options.map((option) => ({
            ...option,
            description:
                jalaliOptionDescription(this.referenceMoment, option.id) ?? option.description,
        }));
        return item;
    },

    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        if (!isJalaliPeriod(generatorIds)) {
            return super._getDateFilterDomain(dateFilter, generatorIds, key);
        }
        return constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds)[key];
    },

    getFullComparison() {
        const comparison = super.getFullComparison();
        // The active comparison item, found as Odoo does (the last one in the query).
        const item = this.query
            .map((queryElem) => this.searchItems[queryElem.searchItemId])
            .findLast((searchItem) =>
                ["comparison", "favorite"].includes(searchItem.type) &&
                (searchItem.type === "comparison" || searchItem.comparison)
            );
        if (!comparison || !jalaliSettings.calendar || item?.type !== "comparison") {
            return comparison;
        }
        const dateFilter = this.searchItems[item.dateFilterId];
        const generatorIds = this._getSelectedGeneratorIds(item.dateFilterId);
        if (!isJalaliPeriod(generatorIds)) {
            return comparison;
        }
        const range = constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds);
        const previous = constructJalaliDateDomain(
            this.referenceMoment,
            dateFilter,
            generatorIds,
            item.comparisonOptionId
        );
        return {
            ...comparison,
            range: range.domain.toList(),
            rangeDescription: range.description,
            comparisonRange: previous.domain.toList(),
            comparisonRangeDescription: previous.description,
        };
    },
});
