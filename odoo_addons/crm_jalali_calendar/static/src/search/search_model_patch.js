/**
 * Date filters of the search panel cut periods at Jalali month and year boundaries
 * for users of a Jalali language. Custom ranges ("custom_*" options) stay Odoo's.
 */
import { SearchModel } from "@web/search/search_model";
import { patch } from "@web/core/utils/patch";
import { jalaliSettings } from "../core/jalali_settings";
import { constructJalaliDateDomain } from "./jalali_period";

patch(SearchModel.prototype, {
    _getDateFilterDomain(dateFilter, generatorIds, key = "domain") {
        if (!jalaliSettings.calendar || generatorIds.some((id) => id.startsWith("custom"))) {
            return super._getDateFilterDomain(dateFilter, generatorIds, key);
        }
        return constructJalaliDateDomain(this.referenceMoment, dateFilter, generatorIds)[key];
    },
});
