import type { Slice, SliceContext, WizardActions, WizardSliceState } from './app-state.js';
import { accountNames, describeError, screenToReturnTo } from './selectors.js';
import { clampIndex } from './window.js';
import { answerStep, credentialOf, enterStep, firstFieldStep, menuItems, newWizard, type WizardState, type WizardStep } from './wizard.js';
import { isCutiError } from '../domain/errors.js';
import { shown } from '../domain/safe-text.js';

/**
 * The add-key wizard: walking its steps (wizard.ts says which come next), validating each
 * answer as the CLI does, and saving the key at the end.
 */
export function createWizardSlice(ctx: SliceContext): Slice<WizardSliceState, WizardActions> {
  const { get, set, fail } = ctx;
  const { service } = ctx.deps;
  const names = () => accountNames(get().accounts);

  const setWizard = (wizard: WizardState) => set({ wizard });
  const goToStep = (wizard: WizardState, step: WizardStep) =>
    setWizard(enterStep({ ...wizard, history: [...wizard.history, wizard.step] }, step, names()));

  const toSummary = (wizard: WizardState) => {
    try {
      const { warnings } = service.validateCredential(wizard.account, credentialOf(wizard));
      goToStep({ ...wizard, warnings }, 'summary');
    } catch (error) {
      setWizard({ ...wizard, error: describeError(error) });
    }
  };

  const save = async (wizard: WizardState) => {
    set({ busy: 'Saving…' });
    try {
      const replace = wizard.replaceAgreed || wizard.history.includes('replace');
      const result = await service.addCredential(wizard.account, credentialOf(wizard), { replace });
      const provider = wizard.provider ?? '';
      const name = shown(wizard.account);
      const notice = `✓ ${result.replaced ? 'Replaced' : 'Added'} ${provider} API key ${result.replaced ? 'of' : 'to'} account: ${name}`;
      set({ wizard: null, filter: '', filtering: false });
      await get().actions.load(wizard.account);
      set({ screen: 'detail', detail: { name: wizard.account, details: null, cursor: 0, revealed: null } });
      await get().actions.refreshDetail(wizard.account);
      set({ busy: null, notice, error: null });
    } catch (error) {
      // The answers stay, so nothing typed is lost; the summary shows what went wrong.
      set({ busy: null });
      const current = get().wizard;
      if (!current) fail(error);
      else if (isCutiError(error) && error.code === 'key_appeared') {
        // Shown on the summary, which now says it replaces that key: Enter again replaces it.
        setWizard({ ...current, replaceAgreed: true, error: `${describeError(error)}. Enter replaces it; Esc goes back.` });
      } else setWizard({ ...current, error: describeError(error) });
    }
  };

  const actions: WizardActions = {
    startAdd() {
      const { screen, detail } = get();
      get().actions.hideSecret();
      const wizard = screen === 'detail' && detail ? newWizard(detail.name, 'detail') : newWizard(null, 'list');
      set({ screen: 'wizard', wizard, helpOpen: false, error: null, notice: null });
    },

    setWizardInput(value) {
      const wizard = get().wizard;
      if (!wizard) return;
      // A paste ending in a newline, or text and Enter arriving in one read, submits.
      const newline = value.search(/[\r\n]/);
      setWizard({ ...wizard, input: newline >= 0 ? value.slice(0, newline) : value, error: null });
      if (newline >= 0) void actions.submitWizardStep();
    },

    insertText(text) {
      const dialog = get().dialog;
      if (dialog?.kind === 'prompt') {
        const newline = text.search(/[\r\n]/);
        set({ dialog: { ...dialog, input: dialog.input + (newline >= 0 ? text.slice(0, newline) : text), error: null } });
        if (newline >= 0) void get().actions.answerDialog();
        return;
      }
      const wizard = get().wizard;
      if (wizard) actions.setWizardInput(wizard.input + text);
    },

    deleteTextChar() {
      const dialog = get().dialog;
      if (dialog?.kind === 'prompt') {
        set({ dialog: { ...dialog, input: [...dialog.input].slice(0, -1).join(''), error: null } });
        return;
      }
      const wizard = get().wizard;
      if (wizard) setWizard({ ...wizard, input: [...wizard.input].slice(0, -1).join(''), error: null });
    },

    clearText() {
      const dialog = get().dialog;
      if (dialog?.kind === 'prompt') {
        set({ dialog: { ...dialog, input: '', error: null } });
        return;
      }
      const wizard = get().wizard;
      if (wizard) setWizard({ ...wizard, input: '', error: null });
    },

    async answerWizardQuestion(yes) {
      const wizard = get().wizard;
      if (wizard?.step !== 'replace') return;
      if (yes && wizard.provider) goToStep(wizard, firstFieldStep(wizard));
      else actions.wizardBack();
      return Promise.resolve();
    },

    moveWizardMenu(delta) {
      const wizard = get().wizard;
      if (!wizard) return;
      const count = menuItems(wizard, names()).length;
      setWizard({ ...wizard, menuIndex: clampIndex(wizard.menuIndex + delta, count) });
    },

    async submitWizardStep() {
      const wizard = get().wizard;
      if (!wizard) return;
      if (wizard.step === 'summary') {
        await save(wizard);
        return;
      }
      if (wizard.step === 'provider') {
        const item = menuItems(wizard, names())[wizard.menuIndex];
        if (!item) return;
        const provider = item.value;
        // Answers given for another provider do not carry over.
        const chosen = { ...wizard, provider, values: provider === wizard.provider ? wizard.values : {} };
        set({ busy: 'Checking…' });
        try {
          const exists = await service.hasProvider(wizard.account, provider);
          set({ busy: null });
          goToStep(chosen, exists ? 'replace' : firstFieldStep(chosen));
        } catch (error) {
          set({ busy: null });
          setWizard({ ...chosen, error: describeError(error) });
        }
        return;
      }
      // Every other step is pure: the wizard's rules (and the provider's fields) say where an answer leads.
      const outcome = answerStep(wizard, names());
      if (outcome.kind === 'error') setWizard({ ...outcome.wizard, error: describeError(outcome.error) });
      else if (outcome.kind === 'goto') goToStep(outcome.wizard, outcome.step);
      else if (outcome.kind === 'summary') toSummary(outcome.wizard);
      else if (outcome.kind === 'back') actions.wizardBack();
    },

    wizardBack() {
      const wizard = get().wizard;
      if (!wizard) return;
      const previous = wizard.history[wizard.history.length - 1];
      if (previous === undefined) {
        set({ wizard: null, screen: screenToReturnTo(get(), wizard.returnTo) });
        return;
      }
      // Going back withdraws a replace agreed at save time: it was for the answers as they were.
      setWizard(enterStep({ ...wizard, history: wizard.history.slice(0, -1), warnings: [], replaceAgreed: false }, previous, names()));
    },
  };

  return { state: { wizard: null }, actions };
}
