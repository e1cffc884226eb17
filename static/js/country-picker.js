/* The country picker of the admin (core.countries.CountryPicker): a filter box over a list
   of checkboxes. Typing narrows the list; Enter or ↓ in the box moves to the first country
   left; ↑/↓ move between the countries shown, Space ticks one, Escape goes back to the box.
   A Stimulus controller on Wagtail's own application, so rows added later (a new phase)
   get one too. */
(() => {
  const fold = (text) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .trim();

  class CountryPicker extends window.StimulusModule.Controller {
    static targets = ['find', 'query', 'status', 'options'];

    // The status messages, translated by the template.
    static values = { selected: String, none: String, matches: String };

    // The countries' labels, found through their box: the template gives them no attributes
    // of their own, as a form holds hundreds of them.
    get optionTargets() {
      return Array.from(this.optionsTarget.children);
    }

    connect() {
      this.findTarget.hidden = false;
      this.update();
    }

    visible() {
      return this.optionTargets.filter((option) => !option.hidden);
    }

    boxes() {
      return this.visible().map((option) => option.querySelector('input'));
    }

    filter() {
      const query = fold(this.queryTarget.value);
      this.optionTargets.forEach((option) => {
        option.hidden = query !== '' && !fold(option.textContent).includes(query);
      });
      this.update();
    }

    update() {
      const picked = this.optionTargets
        .filter((option) => option.querySelector('input').checked)
        .map((option) => option.textContent.trim());
      const shown = this.visible().length;
      const parts = [];
      if (this.queryTarget.value.trim()) {
        parts.push(this.matchesValue.replace('{count}', shown));
      }
      parts.push(picked.length ? `${this.selectedValue} ${picked.join(', ')}.` : this.noneValue);
      this.statusTarget.textContent = parts.join(' ');
    }

    fromQuery(event) {
      if (event.key === 'Enter' || event.key === 'ArrowDown') {
        // Enter would otherwise submit the whole page form.
        event.preventDefault();
        const first = this.boxes()[0];
        if (first) first.focus();
      } else if (event.key === 'Escape' && this.queryTarget.value) {
        event.preventDefault();
        this.queryTarget.value = '';
        this.filter();
      }
    }

    move(event) {
      const boxes = this.boxes();
      const here = boxes.indexOf(event.target);
      if (here === -1) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = boxes[here + (event.key === 'ArrowDown' ? 1 : -1)];
        if (next) next.focus();
        else if (event.key === 'ArrowUp') this.queryTarget.focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.queryTarget.focus();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        event.target.click();
      }
    }
  }

  window.wagtail.app.register('country-picker', CountryPicker);
})();
