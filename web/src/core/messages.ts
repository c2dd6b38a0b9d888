// All dictionaries, merged. Each area owns its messages.ts; keys are
// prefixed by the area ("agent.ready", "admin.users.title") so they never clash.
import { messages as core } from './core_messages';
import { messages as login } from '../login/messages';
import { messages as agent } from '../agent/messages';
import { messages as supervisor } from '../supervisor/messages';
import { messages as team } from '../team/messages';
import { messages as manager } from '../manager/messages';
import { messages as cases } from '../cases/messages';
import { messages as admin } from '../admin/messages';
import { messages as scripts } from '../scripts/messages'; // issue #8: scripts area
import { messages as recordings } from '../recordings/messages';

type Dict = { ru: Record<string, string>; en: Record<string, string> };

export const areas: Record<string, Dict> = { core, login, agent, supervisor, team, manager, cases, admin, scripts, recordings };

export const catalogue: Dict = { ru: {}, en: {} };
for (const dict of Object.values(areas)) {
  Object.assign(catalogue.ru, dict.ru);
  Object.assign(catalogue.en, dict.en);
}
