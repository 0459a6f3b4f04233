import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import ProjectorWindow from './components/ProjectorWindow.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// The projector window loads the same page with ?view=projector (see open_projector_window in the app).
const projector = new URLSearchParams(window.location.search).get('view') === 'projector';
export default projector ? mount(ProjectorWindow, { target }) : mount(App, { target });
